namespace Orleans.Transfer;

/// <summary>One row of a job listing, read from the job catalog.</summary>
/// <param name="Id">The job id.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="State">State as last recorded.</param>
/// <param name="Priority">Priority.</param>
/// <param name="Owner">Owner.</param>
/// <param name="Progress">Progress as last checkpointed.</param>
/// <param name="Created">Creation time (UTC).</param>
/// <param name="Modified">Last modification time (UTC).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobSummary")]
public sealed record JobSummary(
    Guid Id,
    string DisplayName,
    JobState State,
    JobPriority Priority,
    string Owner,
    JobProgress Progress,
    DateTimeOffset Created,
    DateTimeOffset Modified);
