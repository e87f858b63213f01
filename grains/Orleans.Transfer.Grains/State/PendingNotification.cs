namespace Orleans.Transfer.Grains.State;

/// <summary>
/// An event still to be delivered to the job's notify command or webhook: the job's durable outbox, so delivery is
/// at-least-once across restarts. Property names are a storage contract.
/// </summary>
public sealed class PendingNotification
{
    /// <summary>Stable across attempts, so receivers can de-duplicate.</summary>
    public Guid Id { get; set; }

    public JobEventKind Event { get; set; }

    public int? FileIndex { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public NotificationChannel Channel { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}
