namespace Orleans.Transfer.Notifications;

/// <summary>
/// Delivers one notification of a job, off the grain scheduler. Each call is one attempt: failures come back as a
/// <see cref="DeliveryResult"/> with <see cref="DeliveryResult.Delivered"/> false (never as exceptions), and the
/// caller keeps the notification in its outbox and retries. Only cancellation throws.
/// </summary>
public interface INotificationDelivery
{
    /// <summary>
    /// Runs the job's notify command for <paramref name="notification"/>; delivered when it exits with code 0. When
    /// <paramref name="settings"/> no longer has a command (it was removed after the event), nothing runs and the
    /// result is delivered, so the outbox entry is dropped.
    /// </summary>
    /// <param name="settings">The job's current settings.</param>
    /// <param name="notification">The event.</param>
    /// <param name="cancellationToken">Kills the command and throws <see cref="OperationCanceledException"/>.</param>
    Task<DeliveryResult> DeliverCommandAsync(
        NotificationSettings settings,
        JobNotification notification,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// POSTs <paramref name="notification"/> to the job's webhook; delivered on 2xx. When <paramref name="settings"/>
    /// no longer has a webhook, nothing is sent and the result is delivered, so the outbox entry is dropped.
    /// </summary>
    /// <param name="settings">The job's current settings.</param>
    /// <param name="notification">The event.</param>
    /// <param name="cancellationToken">Abandons the request and throws <see cref="OperationCanceledException"/>.</param>
    Task<DeliveryResult> DeliverWebhookAsync(
        NotificationSettings settings,
        JobNotification notification,
        CancellationToken cancellationToken = default);
}
