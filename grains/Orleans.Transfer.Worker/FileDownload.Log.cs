using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class FileDownload
{
    [LoggerMessage(EventId = TransferEventIds.TransferStarting, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: starting {Url} at byte {BytesTransferred}")]
    private static partial void LogStarting(ILogger logger, Guid jobId, int fileIndex, string url, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.TransferRestarting, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: restarting from zero after {BytesTransferred} bytes because {Reason}")]
    private static partial void LogRestarting(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, string reason);

    [LoggerMessage(EventId = TransferEventIds.TransferRetrying, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: network error at byte {BytesTransferred}, retry {Attempt} in {Delay}: {Error}")]
    private static partial void LogRetrying(
        ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = TransferEventIds.TransferCompleted, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: completed, {BytesTransferred} bytes")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.TransferFailed, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: failed at byte {BytesTransferred} with {Code}: {Error}")]
    private static partial void LogFailed(
        ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, TransferErrorCode code, string error);

    [LoggerMessage(EventId = TransferEventIds.TransferUnexpected, Level = LogLevel.Error,
        Message = "Job {JobId} file {FileIndex}: unexpected failure in the transfer worker")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid jobId, int fileIndex);

    [LoggerMessage(EventId = TransferEventIds.TransferCancelled, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: cancelled at byte {BytesTransferred}")]
    private static partial void LogCancelled(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);
}
