namespace Orleans.Transfer.Uploads.Sessions;

/// <summary>
/// One upload session of the BITS upload server, as its <see cref="IUploadSessionStore"/> keeps it. Any server process
/// (any silo of a cluster) handles any packet of the session from this record alone: there are no sticky sessions.
/// </summary>
/// <param name="Id">The BITS-Session-Id, an upper-case braced GUID; unique on the server.</param>
/// <param name="Directory">The virtual directory's path (<see cref="BitsVirtualDirectoryOptions.Path"/>) it belongs to.</param>
/// <param name="RelativePath">The destination under the directory's root, '/'-separated, checked safe when created.</param>
/// <param name="User">Who created it (the authenticated user name, or null when anonymous): only they may continue it.</param>
/// <param name="TotalBytes">The file's size from the first fragment's Content-Range; null before any fragment.</param>
/// <param name="ReceivedBytes">Contiguous bytes written and flushed from offset 0: the next byte the server expects.</param>
/// <param name="Phase">Where the session is.</param>
/// <param name="Created">When Create-Session made it.</param>
/// <param name="LastActivity">The last successful packet; the session times out after the directory's session timeout.</param>
/// <param name="ReplyToken">
/// Upload-reply: the unguessable token in the reply URL (base64url of 32 random bytes); null before the reply exists.
/// </param>
/// <param name="ReplyStaticUrl">Upload-reply: the application's BITS-Static-Response-URL, used instead of a reply file.</param>
/// <param name="Version">Optimistic concurrency: each successful <see cref="IUploadSessionStore.TryUpdateAsync"/> adds one.</param>
/// <param name="LeaseHolder">
/// The request that may change the session's files now (a random token), or null: fragments, commits, Close and Cancel
/// take the lease first, so two packets of one session never write at once, whichever processes they reach.
/// </param>
/// <param name="LeaseExpires">When <paramref name="LeaseHolder"/>'s lease ends unless renewed (a holder that died frees it then).</param>
public sealed record UploadSession(
    string Id,
    string Directory,
    string RelativePath,
    string? User,
    long? TotalBytes,
    long ReceivedBytes,
    UploadSessionPhase Phase,
    DateTimeOffset Created,
    DateTimeOffset LastActivity,
    string? ReplyToken = null,
    string? ReplyStaticUrl = null,
    long Version = 0,
    string? LeaseHolder = null,
    DateTimeOffset? LeaseExpires = null);
