using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class AttemptRetry
{
    [LoggerMessage(EventId = TransferEventIds.TransferRetrying, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: network error at byte {BytesTransferred}, retry {Attempt} in {Delay}: {Error}")]
    private static partial void LogRetrying(
        ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, int attempt, TimeSpan delay, string error);
}
