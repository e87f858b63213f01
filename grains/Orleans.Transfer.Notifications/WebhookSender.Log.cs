using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Notifications;

public sealed partial class WebhookSender
{
    [LoggerMessage(EventId = TransferEventIds.WebhookDelivered, Level = LogLevel.Debug,
        Message = "Webhook {Url} accepted notification {NotificationId} of job {JobId} with HTTP {Status}")]
    private static partial void LogDelivered(ILogger logger, string url, Guid jobId, Guid notificationId, int status);

    [LoggerMessage(EventId = TransferEventIds.WebhookRejected, Level = LogLevel.Warning,
        Message = "Webhook {Url} refused notification {NotificationId} of job {JobId} with HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string url, Guid jobId, Guid notificationId, int status);

    [LoggerMessage(EventId = TransferEventIds.WebhookFailed, Level = LogLevel.Warning,
        Message = "Webhook {Url} failed for notification {NotificationId} of job {JobId}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string url, Guid jobId, Guid notificationId, string reason);
}
