using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Scheduling;

public sealed partial class TransferScheduler
{
    [LoggerMessage(EventId = TransferEventIds.SlotReleased, Level = LogLevel.Debug, Message = "Job {JobId} handed its lease back")]
    private static partial void LogReleased(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.SlotWithdrawn, Level = LogLevel.Debug, Message = "Job {JobId} withdrew its request")]
    private static partial void LogWithdrawn(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.SchedulerPriorityChanged, Level = LogLevel.Debug, Message = "Job {JobId} priority changed to {Priority}")]
    private static partial void LogPriorityChanged(ILogger logger, Guid jobId, JobPriority priority);
}
