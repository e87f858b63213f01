using System.Text.Json.Serialization;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// An event still to be delivered to the job's notify command or webhook: the job's durable outbox, so delivery is
/// at-least-once across restarts. Property names are a storage contract.
/// </summary>
public sealed class PendingNotification
{
    /// <summary>Stable across attempts, so receivers can de-duplicate.</summary>
    [JsonPropertyName("Id")]
    public Guid Id { get; set; }

    [JsonPropertyName("Event")]
    public JobEventKind Event { get; set; }

    [JsonPropertyName("FileIndex")]
    public int? FileIndex { get; set; }

    [JsonPropertyName("OccurredAt")]
    public DateTimeOffset OccurredAt { get; set; }

    [JsonPropertyName("Channel")]
    public NotificationChannel Channel { get; set; }

    [JsonPropertyName("Attempts")]
    public int Attempts { get; set; }

    [JsonPropertyName("NextAttemptAt")]
    public DateTimeOffset NextAttemptAt { get; set; }
}
