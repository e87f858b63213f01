namespace Orleans.Transfer.Notifications;

/// <summary>
/// One event to deliver for a job. <see cref="Id"/> is stable across retries so receivers can de-duplicate
/// (delivery is at-least-once).
/// </summary>
/// <param name="Id">Unique per event, the same on every delivery attempt.</param>
/// <param name="JobId">The job.</param>
/// <param name="Event">What happened.</param>
/// <param name="Job">The job as it stood when the event happened.</param>
/// <param name="FileIndex">For FileTransferred, the file's index.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record JobNotification(
    Guid Id,
    Guid JobId,
    JobEventKind Event,
    JobInfo Job,
    int? FileIndex,
    DateTimeOffset OccurredAt);
