using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class TransferPipeline
{
    [LoggerMessage(EventId = TransferEventIds.TransferStarting, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: starting {Url} at byte {BytesTransferred}")]
    private static partial void LogStarting(ILogger logger, Guid jobId, int fileIndex, string url, long bytesTransferred);

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

    [LoggerMessage(EventId = TransferEventIds.StoppedEventUnreported, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: stopped while the job was not reading; its last {Kind} event, at byte {BytesTransferred}, is not reported")]
    private static partial void LogFinalUnreported(ILogger logger, Guid jobId, int fileIndex, TransferEventKind kind, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.TransferCancelled, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: cancelled at byte {BytesTransferred}")]
    private static partial void LogCancelled(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);
}
