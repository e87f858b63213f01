namespace Orleans.Transfer.Worker;

/// <summary>
/// How far a file's temporary file is durably written, and what the server said about the file. The job grain
/// persists these facts in its own state.
/// </summary>
/// <param name="BytesWritten">Bytes in the temp file that were flushed to disk (fsync) before this checkpoint.</param>
/// <param name="BytesTotal">Bytes to download for the file (sum of ranges when ranges are set), or null if unknown.</param>
/// <param name="ETag">The server's strong ETag, if it sent one.</param>
/// <param name="LastModified">The server's Last-Modified header (as sent), used when there is no strong ETag.</param>
/// <param name="RangeUnsupported">The server ignores Range (or sends no length): an interruption restarts from zero.</param>
public sealed record FileCheckpoint(
    long BytesWritten,
    long? BytesTotal,
    string? ETag,
    string? LastModified,
    bool RangeUnsupported)
{
    /// <summary>Nothing written yet and nothing known about the server.</summary>
    public static FileCheckpoint Empty { get; } = new(0, null, null, null, false);
}
