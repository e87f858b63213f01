namespace Orleans.Transfer.Uploads;

/// <summary>
/// One session of the silo's BITS upload server as its session grain holds it: the upload server's UploadSession,
/// field for field, in a form the grain interfaces can carry. Positional order is the wire contract: append only.
/// </summary>
/// <param name="Id">The BITS-Session-Id (the grain's key).</param>
/// <param name="Directory">The virtual directory's path.</param>
/// <param name="RelativePath">The destination under the directory's root.</param>
/// <param name="User">Who created it, or null when anonymous.</param>
/// <param name="TotalBytes">The file's size, or null before the first fragment.</param>
/// <param name="ReceivedBytes">Contiguous bytes written and flushed from offset 0.</param>
/// <param name="Phase">The UploadSessionPhase's number (Receiving 0, Committed 1, ReplyReady 2).</param>
/// <param name="Created">When Create-Session made it.</param>
/// <param name="LastActivity">The last successful packet.</param>
/// <param name="ReplyToken">Upload-reply: the reply URL's token, or null.</param>
/// <param name="ReplyStaticUrl">Upload-reply: the application's BITS-Static-Response-URL, or null.</param>
/// <param name="Version">Optimistic concurrency: one more on every accepted update.</param>
/// <param name="LeaseHolder">The request holding the session's write lease, or null.</param>
/// <param name="LeaseExpires">When that lease ends unless renewed, or null.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Uploads.UploadSessionRecord")]
public sealed record UploadSessionRecord(
    string Id,
    string Directory,
    string RelativePath,
    string? User,
    long? TotalBytes,
    long ReceivedBytes,
    int Phase,
    DateTimeOffset Created,
    DateTimeOffset LastActivity,
    string? ReplyToken,
    string? ReplyStaticUrl,
    long Version,
    string? LeaseHolder = null,
    DateTimeOffset? LeaseExpires = null);
