namespace Orleans.Transfer;

/// <summary>One entry of a job's history (<see cref="IJobCatalogGrain.GetHistoryAsync"/>).</summary>
/// <param name="Seq">The entry's number within its job: 1, 2, 3 ... in the order recorded.</param>
/// <param name="At">When it was recorded (UTC).</param>
/// <param name="Kind">What happened.</param>
/// <param name="State">The job's state right after it.</param>
/// <param name="Code">The error code (a <see cref="TransferErrorCode"/> name) for errors and retries, else null.</param>
/// <param name="Message">What happened, in words (never a secret: URLs are shown without credentials).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobHistoryEntry")]
public sealed record JobHistoryEntry(long Seq, DateTimeOffset At, JobHistoryKind Kind, JobState State, string? Code, string Message);
