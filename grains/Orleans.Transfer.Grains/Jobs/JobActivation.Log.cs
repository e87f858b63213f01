using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobActivation
{
    [LoggerMessage(EventId = TransferEventIds.JobResumingAfterActivation, Level = LogLevel.Information, Message = "Job {JobId} activated in {State}; resuming its work")]
    private static partial void LogResumingAfterActivation(ILogger logger, Guid jobId, JobState state);

    [LoggerMessage(EventId = TransferEventIds.JobStateUnreadable, Level = LogLevel.Error, Message = "Job {JobId}: its stored state cannot be read ({Problem}); it is shown as damaged (JobDamaged) and can only be cancelled")]
    private static partial void LogJobStateUnreadable(ILogger logger, Guid jobId, string problem);

    [LoggerMessage(EventId = TransferEventIds.PlaintextSecretProtected, Level = LogLevel.Information, Message = "Job {JobId}: a webhook secret stored in plain text by an earlier version is now stored encrypted")]
    private static partial void LogPlaintextSecretProtected(ILogger logger, Guid jobId);
}
