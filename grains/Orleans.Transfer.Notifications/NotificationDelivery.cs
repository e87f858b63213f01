namespace Orleans.Transfer.Notifications;

/// <summary>Delivers notifications with <see cref="NotifyCommandRunner"/> and <see cref="WebhookSender"/>.</summary>
internal sealed class NotificationDelivery(NotifyCommandRunner commandRunner, WebhookSender webhookSender) : INotificationDelivery
{
    public Task<DeliveryResult> DeliverCommandAsync(
        NotificationSettings settings,
        JobNotification notification,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.CommandProgram is { } program
            ? commandRunner.RunAsync(program, settings.CommandArguments ?? [], notification, cancellationToken)
            : Task.FromResult(new DeliveryResult(true, "The job has no notify command any more; nothing was run."));
    }

    public Task<DeliveryResult> DeliverWebhookAsync(
        NotificationSettings settings,
        JobNotification notification,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.WebhookUrl is { } url
            ? webhookSender.SendAsync(url, settings.WebhookSecret, notification, cancellationToken)
            : Task.FromResult(new DeliveryResult(true, "The job has no webhook any more; nothing was sent."));
    }
}
