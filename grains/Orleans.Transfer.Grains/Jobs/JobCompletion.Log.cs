using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobCompletion
{
    [LoggerMessage(EventId = TransferEventIds.StaleCompleteRefused, Level = LogLevel.Warning,
        Message = "Job {JobId}: Complete refused, another activation wrote the job's state (it moved to another silo); no file was moved and this activation ends")]
    private static partial void LogStaleCompleteRefused(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.JobCompletedWhenTransferred, Level = LogLevel.Information,
        Message = "Job {JobId}: transferred and completed by the service (CompleteWhenTransferred), {FileCount} file(s) in place")]
    private static partial void LogCompletedWhenTransferred(ILogger logger, Guid jobId, int fileCount);

    [LoggerMessage(EventId = TransferEventIds.CompleteWhenTransferredFailed, Level = LogLevel.Warning,
        Message = "Job {JobId}: completing the transferred job failed on file {FileIndex} with {Code}: {Message}; it stays Transferred for the owner to complete or cancel")]
    private static partial void LogCompleteWhenTransferredFailed(ILogger logger, Guid jobId, int fileIndex, TransferErrorCode code, string message);

    [LoggerMessage(EventId = TransferEventIds.TransferredJobCompletedOnActivation, Level = LogLevel.Information,
        Message = "Job {JobId}: Transferred with CompleteWhenTransferred on activation (an earlier activation did not finish completing it); completing it")]
    private static partial void LogCompletingOnActivation(ILogger logger, Guid jobId);
}
