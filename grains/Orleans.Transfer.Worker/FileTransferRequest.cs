namespace Orleans.Transfer.Worker;

/// <summary>One file for the transfer worker to download into its temporary file.</summary>
/// <param name="JobId">The job, for logs.</param>
/// <param name="FileIndex">The file's index in the job, for logs and errors.</param>
/// <param name="RemoteUrl">Validated absolute http(s) or file URL.</param>
/// <param name="TempPath">Absolute path of the temporary file in the destination directory.</param>
/// <param name="Ranges">Byte ranges to fetch in order; empty for the whole file.</param>
/// <param name="Checkpoint">Where the previous attempt got to; the worker truncates the temp file to it.</param>
/// <param name="Priority">The job's priority: Foreground ignores the silo's background and priority caps.</param>
/// <param name="MaxBytesPerSecond">The job's own cap in bytes per second; null is unlimited, 0 blocks.</param>
public sealed record FileTransferRequest(
    Guid JobId,
    int FileIndex,
    string RemoteUrl,
    string TempPath,
    IReadOnlyList<ByteRange> Ranges,
    FileCheckpoint Checkpoint,
    JobPriority Priority = JobPriority.Normal,
    long? MaxBytesPerSecond = null);
