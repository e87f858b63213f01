using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal static partial class JobHousekeeping
{
    [LoggerMessage(EventId = TransferEventIds.JobCancelledForInactivity, Level = LogLevel.Information, Message = "Job {JobId} saw no activity for {Idle}; cancelling it (JobInactivityTimeout)")]
    private static partial void LogCancelledForInactivity(ILogger logger, Guid jobId, TimeSpan idle);

    [LoggerMessage(EventId = TransferEventIds.FinalJobRemoved, Level = LogLevel.Information, Message = "Job {JobId} removed: {State} and unchanged for {Age} (FinalJobRetention)")]
    private static partial void LogFinalJobRemoved(ILogger logger, Guid jobId, JobState state, TimeSpan age);
}
