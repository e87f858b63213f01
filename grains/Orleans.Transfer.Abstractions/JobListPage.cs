namespace Orleans.Transfer;

/// <summary>One page of a job listing, oldest first (by creation time, then id).</summary>
/// <param name="Jobs">The jobs on this page.</param>
/// <param name="ContinuationToken">Pass it back in <see cref="JobListQuery.ContinuationToken"/> for the next page; null on the last.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobListPage")]
public sealed record JobListPage(IReadOnlyList<JobSummary> Jobs, string? ContinuationToken);
