namespace Orleans.Transfer.Notifications;

/// <summary>Log event ids of notification delivery (the 5000 range; see TransferEventIds for the others).</summary>
internal static class NotificationEventIds
{
    public const int CommandStarting = 5000;
    public const int CommandExited = 5001;
    public const int CommandTimedOut = 5002;
    public const int CommandNotStarted = 5003;
    public const int WebhookDelivered = 5010;
    public const int WebhookRejected = 5011;
    public const int WebhookFailed = 5012;
}
