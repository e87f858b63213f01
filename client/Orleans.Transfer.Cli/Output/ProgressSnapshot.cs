namespace Orleans.Transfer.Cli.Output;

/// <summary>One progress update as shown to people or scripts.</summary>
/// <param name="JobId">The job.</param>
/// <param name="State">The job's state.</param>
/// <param name="Progress">Bytes and files so far.</param>
/// <param name="BytesPerSecond">The measured rate, or null when not moving or not yet known.</param>
/// <param name="Eta">Time left at that rate, or null when the rate or the total size is unknown.</param>
internal sealed record ProgressSnapshot(Guid JobId, JobState State, JobProgress Progress, double? BytesPerSecond, TimeSpan? Eta);
