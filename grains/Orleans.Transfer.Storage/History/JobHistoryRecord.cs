namespace Orleans.Transfer.Storage.History;

/// <summary>An entry to append to a job's history; the store numbers it.</summary>
public sealed record JobHistoryRecord(Guid JobId, DateTimeOffset At, JobHistoryKind Kind, JobState State, string? Code, string Message);
