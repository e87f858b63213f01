using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains;

internal sealed partial class JobBatchGrain
{
    // The single create's line, so the audit trail of created jobs reads the same whichever way they were created.
    [LoggerMessage(EventId = TransferEventIds.JobCreated, Level = LogLevel.Information, Message = "Job {JobId} '{DisplayName}' created for {Owner}")]
    private static partial void LogJobCreated(ILogger logger, Guid jobId, string displayName, string owner);

    [LoggerMessage(EventId = TransferEventIds.JobBatchCreated, Level = LogLevel.Debug, Message = "{Count} jobs created in one call")]
    private static partial void LogBatchCreated(ILogger logger, int count);

    [LoggerMessage(EventId = TransferEventIds.JobBatchWakeFailed, Level = LogLevel.Warning, Message = "Job {JobId} was created to run but could not be woken; it starts at its next call or the silo's next start")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, Guid jobId);
}
