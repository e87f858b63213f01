namespace Orleans.Transfer.Worker;

/// <summary>
/// How far a file is durably transferred, and what the source said about the file. The job grain persists these
/// facts in its own state.
/// </summary>
/// <param name="BytesWritten">
/// Bytes durable in the sink before this checkpoint: flushed to the temp file (fsync) for a download, acknowledged by
/// the receiver for an upload.
/// </param>
/// <param name="BytesTotal">Bytes to transfer for the file (sum of ranges when ranges are set), or null if unknown.</param>
/// <param name="ETag">The source's strong ETag, if it sent one.</param>
/// <param name="LastModified">The source's Last-Modified (as sent, or a local file's), used when there is no strong ETag.</param>
/// <param name="RangeUnsupported">The server ignores Range (or sends no length): an interruption restarts from zero.</param>
/// <param name="TempFile">
/// Which file the download's temporary file is (device and inode), so that a resume writes on that file or none;
/// null for uploads, on Windows, and in checkpoints from before it was recorded.
/// </param>
/// <param name="UploadSession">
/// An upload's session on the server (BITS-Session-Id and BITS-Host-Id): the next run resumes in it, asking the server
/// how many bytes it holds; null for downloads and before Create-Session succeeded.
/// </param>
/// <param name="WrittenInBoot">
/// The machine's boot in which the temp file's bytes past <paramref name="BytesWritten"/> were written: while it has not
/// restarted since, a resume keeps them (the service was killed, the kernel still had them); null keeps only durable bytes.
/// </param>
/// <param name="Segments">
/// A download fetched over several connections: each segment's place and its durable bytes; <paramref name="BytesWritten"/>
/// is then their sum, not a prefix, and the temp file keeps every segment's durable bytes. Null for one connection.
/// </param>
public sealed record FileCheckpoint(
    long BytesWritten,
    long? BytesTotal,
    string? ETag,
    string? LastModified,
    bool RangeUnsupported,
    FileIdentity? TempFile = null,
    UploadSessionRef? UploadSession = null,
    string? WrittenInBoot = null,
    IReadOnlyList<FileSegment>? Segments = null)
{
    /// <summary>Nothing written yet and nothing known about the source.</summary>
    public static FileCheckpoint Empty { get; } = new(0, null, null, null, false);
}
