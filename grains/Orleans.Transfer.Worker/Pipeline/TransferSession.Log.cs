using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class TransferSession
{
    [LoggerMessage(EventId = TransferEventIds.TransferRestarting, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: restarting from zero after {BytesTransferred} bytes because {Reason}")]
    private static partial void LogRestarting(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, string reason);

    [LoggerMessage(EventId = TransferEventIds.TransferTooLarge, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the file exceeds the limit of {MaxFileBytes} bytes after {BytesTransferred} bytes; its partial data is deleted")]
    private static partial void LogTooLarge(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, long maxFileBytes);

    [LoggerMessage(EventId = TransferEventIds.SegmentedDownloadStarting, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: fetching {Segments} segments of {BytesTotal} bytes over as many connections")]
    private static partial void LogSegmented(ILogger logger, Guid jobId, int fileIndex, int segments, long bytesTotal);
}
