using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains;

internal sealed partial class TransferJobGrain
{
    [LoggerMessage(EventId = TransferEventIds.JobCreated, Level = LogLevel.Information, Message = "Job {JobId} '{DisplayName}' created for {Owner}")]
    private static partial void LogJobCreated(ILogger logger, Guid jobId, string displayName, string owner);

    [LoggerMessage(EventId = TransferEventIds.FilesAdded, Level = LogLevel.Information, Message = "Job {JobId}: {Added} file(s) added, {Total} in all")]
    private static partial void LogFilesAdded(ILogger logger, Guid jobId, int added, int total);

    [LoggerMessage(EventId = TransferEventIds.JobStateChanged, Level = LogLevel.Information, Message = "Job {JobId}: {From} -> {To}")]
    private static partial void LogStateChanged(ILogger logger, Guid jobId, JobState from, JobState to);

    [LoggerMessage(EventId = TransferEventIds.JobResumingAfterActivation, Level = LogLevel.Information, Message = "Job {JobId} activated in {State}; resuming its work")]
    private static partial void LogResumingAfterActivation(ILogger logger, Guid jobId, JobState state);

    [LoggerMessage(EventId = TransferEventIds.JobEnded, Level = LogLevel.Information, Message = "Job {JobId} ended: {State}")]
    private static partial void LogJobEnded(ILogger logger, Guid jobId, JobState state);

    [LoggerMessage(EventId = TransferEventIds.JobCancelledForInactivity, Level = LogLevel.Information, Message = "Job {JobId} saw no activity for {Idle}; cancelling it (JobInactivityTimeout)")]
    private static partial void LogCancelledForInactivity(ILogger logger, Guid jobId, TimeSpan idle);

    [LoggerMessage(EventId = TransferEventIds.JobYielded, Level = LogLevel.Information, Message = "Job {JobId} ({Priority}) yields its transfer slot and queues again")]
    private static partial void LogYielded(ILogger logger, Guid jobId, JobPriority priority);

    [LoggerMessage(EventId = TransferEventIds.FileTransferred, Level = LogLevel.Information, Message = "Job {JobId}: file {FileIndex} transferred ({BytesTransferred} bytes)")]
    private static partial void LogFileTransferred(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.JobTransferred, Level = LogLevel.Information, Message = "Job {JobId}: all {FileCount} file(s) transferred")]
    private static partial void LogJobTransferred(ILogger logger, Guid jobId, int fileCount);

    [LoggerMessage(EventId = TransferEventIds.JobFailed, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} failed with {Code}: {Message}")]
    private static partial void LogJobFailed(ILogger logger, Guid jobId, int fileIndex, TransferErrorCode code, string message);

    [LoggerMessage(EventId = TransferEventIds.JobTransientError, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} transient {Code}: {Message}; retrying at {NextRetryAt}")]
    private static partial void LogTransientError(ILogger logger, Guid jobId, int fileIndex, TransferErrorCode code, string message, DateTimeOffset nextRetryAt);

    [LoggerMessage(EventId = TransferEventIds.JobRunFailed, Level = LogLevel.Error, Message = "Job {JobId}: the transfer loop stopped unexpectedly; the wake-up reminder will retry")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.TempFileNotDeleted, Level = LogLevel.Warning, Message = "Job {JobId}: could not delete temporary file {TempPath}")]
    private static partial void LogTempFileNotDeleted(ILogger logger, Exception exception, Guid jobId, string tempPath);

    [LoggerMessage(EventId = TransferEventIds.NotificationFailed, Level = LogLevel.Warning, Message = "Job {JobId}: {Channel} notification {Event} not delivered (attempt {Attempts}): {Detail}; next attempt at {NextAttemptAt}")]
    private static partial void LogNotificationFailed(ILogger logger, Guid jobId, State.NotificationChannel channel, JobEventKind @event, int attempts, string detail, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = TransferEventIds.ObserverFailed, Level = LogLevel.Warning, Message = "Job {JobId}: an observer could not be told of {Event}")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, Guid jobId, JobEventKind @event);

    [LoggerMessage(EventId = TransferEventIds.CatalogWriteFailed, Level = LogLevel.Warning, Message = "Job {JobId}: catalog write failed; it will be rewritten on the next change")]
    private static partial void LogCatalogWriteFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.JobWaitingForNetwork, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} needs the network, which is lost; waiting in TransientError until it returns")]
    private static partial void LogWaitingForNetwork(ILogger logger, Guid jobId, int fileIndex);

    [LoggerMessage(EventId = TransferEventIds.JobNetworkReturned, Level = LogLevel.Information, Message = "Job {JobId}: the network returned; queued again")]
    private static partial void LogNetworkReturned(ILogger logger, Guid jobId);
}
