using Orleans.Transfer.Notifications;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>Records notifications and answers with the results a test sets.</summary>
internal sealed class ScriptedDelivery : INotificationDelivery
{
    public DeliveryResult Command { get; set; } = new(true, "exit 0");

    public DeliveryResult Webhook { get; set; } = new(true, "HTTP 204");

    public List<JobNotification> Commands { get; } = [];

    public Task<DeliveryResult> DeliverCommandAsync(NotificationSettings settings, JobNotification notification, CancellationToken cancellationToken = default)
    {
        lock (Commands)
        {
            Commands.Add(notification);
        }

        return Task.FromResult(Command);
    }

    public Task<DeliveryResult> DeliverWebhookAsync(NotificationSettings settings, JobNotification notification, CancellationToken cancellationToken = default) =>
        Task.FromResult(Webhook);
}
