namespace Orleans.Transfer.Grains.State;

/// <summary>Where a pending notification goes. Persisted: values never change.</summary>
public enum NotificationChannel
{
    Command = 0,
    Webhook = 1,
}
