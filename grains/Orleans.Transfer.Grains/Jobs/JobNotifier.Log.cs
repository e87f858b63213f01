using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobNotifier
{
    [LoggerMessage(EventId = TransferEventIds.NotificationFailed, Level = LogLevel.Warning, Message = "Job {JobId}: {Channel} notification {Event} not delivered (attempt {Attempts}): {Detail}; next attempt at {NextAttemptAt}")]
    private static partial void LogNotificationFailed(ILogger logger, Guid jobId, NotificationChannel channel, JobEventKind @event, int attempts, string detail, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = TransferEventIds.ObserverFailed, Level = LogLevel.Warning, Message = "Job {JobId}: an observer could not be told of {Event}")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, Guid jobId, JobEventKind @event);
}
