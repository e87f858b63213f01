using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Scheduling;

public sealed partial class TransferScheduler
{
    [LoggerMessage(EventId = TransferEventIds.SlotGranted, Level = LogLevel.Debug,
        Message = "Job {JobId} granted a {Priority} lease after waiting {Waited}")]
    private static partial void LogGranted(ILogger logger, Guid jobId, JobPriority priority, TimeSpan waited);

    [LoggerMessage(EventId = TransferEventIds.SlotPreempted, Level = LogLevel.Debug,
        Message = "Job {JobId} ({Priority}) pre-empted by job {WaitingJobId} ({WaitingPriority})")]
    private static partial void LogPreempted(
        ILogger logger, Guid jobId, JobPriority priority, Guid waitingJobId, JobPriority waitingPriority);

    [LoggerMessage(EventId = TransferEventIds.SliceEnded, Level = LogLevel.Debug,
        Message = "Job {JobId} ({Priority}) revoked: its time slice ended and an equal or higher priority job waits")]
    private static partial void LogSliceEnded(ILogger logger, Guid jobId, JobPriority priority);

    [LoggerMessage(EventId = TransferEventIds.NoSlotAfterPriorityChange, Level = LogLevel.Debug,
        Message = "Job {JobId} revoked: it became {Priority} while all background slots are held")]
    private static partial void LogNoSlotAfterPriorityChange(ILogger logger, Guid jobId, JobPriority priority);

    [LoggerMessage(EventId = TransferEventIds.SlotReleased, Level = LogLevel.Debug, Message = "Job {JobId} handed its lease back")]
    private static partial void LogReleased(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.SlotWithdrawn, Level = LogLevel.Debug, Message = "Job {JobId} withdrew its request")]
    private static partial void LogWithdrawn(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.SchedulerPriorityChanged, Level = LogLevel.Debug, Message = "Job {JobId} priority changed to {Priority}")]
    private static partial void LogPriorityChanged(ILogger logger, Guid jobId, JobPriority priority);

    [LoggerMessage(EventId = TransferEventIds.RevocationCallbackFailed, Level = LogLevel.Warning,
        Message = "Job {JobId}: a callback on its revoked lease token threw")]
    private static partial void LogRevocationCallbackFailed(ILogger logger, Exception exception, Guid jobId);
}
