using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Scheduling;

internal sealed partial class SlotPolicy
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

    [LoggerMessage(EventId = TransferEventIds.RevocationCallbackFailed, Level = LogLevel.Warning,
        Message = "Job {JobId}: a callback on its revoked lease token threw")]
    private static partial void LogRevocationCallbackFailed(ILogger logger, Exception exception, Guid jobId);
}
