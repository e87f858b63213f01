namespace Orleans.Transfer;

/// <summary>One file of a job and its progress (BITS <c>BG_FILE_PROGRESS</c>).</summary>
/// <param name="RemoteUrl">Source URL.</param>
/// <param name="LocalPath">Final destination path.</param>
/// <param name="Ranges">Requested byte ranges; empty for the whole file.</param>
/// <param name="BytesTotal">Size to download, or null while unknown.</param>
/// <param name="BytesTransferred">Bytes downloaded so far.</param>
/// <param name="Completed">True once the file is fully downloaded (and, after Complete, in place).</param>
/// <param name="Note">A remark about how the server behaved, for example that it ignores Range requests.</param>
/// <param name="FinalUrl">
/// Where the server redirected the file's last request, when the job's redirect policy is Report (or Deny, which
/// fails there); null otherwise, or when it was not redirected.
/// </param>
/// <param name="Digest">The caller's expected content digest and whether the file matched it; null when none was given.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobFileInfo")]
public sealed record JobFileInfo(
    string RemoteUrl,
    string LocalPath,
    IReadOnlyList<ByteRange> Ranges,
    long? BytesTotal,
    long BytesTransferred,
    bool Completed,
    string? Note,
    string? FinalUrl = null,
    JobFileDigest? Digest = null);
