using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobRunner
{
    [LoggerMessage(EventId = TransferEventIds.JobYielded, Level = LogLevel.Information, Message = "Job {JobId} ({Priority}) yields its transfer slot and queues again")]
    private static partial void LogYielded(ILogger logger, Guid jobId, JobPriority priority);

    [LoggerMessage(EventId = TransferEventIds.JobTransferred, Level = LogLevel.Information, Message = "Job {JobId}: all {FileCount} file(s) transferred")]
    private static partial void LogJobTransferred(ILogger logger, Guid jobId, int fileCount);

    [LoggerMessage(EventId = TransferEventIds.JobRunFailed, Level = LogLevel.Error, Message = "Job {JobId}: the transfer loop stopped unexpectedly; the wake-up reminder will retry")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.StaleJobActivationStopped, Level = LogLevel.Warning,
        Message = "Job {JobId}: another activation wrote the job's state (it moved to another silo); this worker stops and the activation ends")]
    private static partial void LogStaleActivation(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.TempFilesTakenOver, Level = LogLevel.Warning,
        Message = "Job {JobId}: its worker last ran on silo {Silo}, which membership declared dead; a temporary file that silo still holds locked is taken over (its bytes copied into a new file under the name)")]
    private static partial void LogTakingOver(ILogger logger, Guid jobId, string silo);
}
