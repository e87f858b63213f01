namespace Orleans.Transfer;

/// <summary>Which jobs to list, and which page.</summary>
/// <param name="Owner">Only this owner's jobs, or null for every owner.</param>
/// <param name="IncludeFinal">Also list Acknowledged and Cancelled jobs (BITS leaves them out).</param>
/// <param name="States">Only jobs in these states, or null for any (final states still need <paramref name="IncludeFinal"/>).</param>
/// <param name="Priority">Only jobs of this priority, or null for any.</param>
/// <param name="NamePrefix">Only jobs whose display name starts with this (case-sensitive), or null.</param>
/// <param name="CreatedAfter">Only jobs created at or after this time, or null.</param>
/// <param name="CreatedBefore">Only jobs created before this time, or null.</param>
/// <param name="PageSize">Jobs per page, 1 to <see cref="JobLimits.MaxListPageSize"/>; 0 means <see cref="JobLimits.DefaultListPageSize"/>.</param>
/// <param name="ContinuationToken">The token of the previous page, or null for the first.</param>
/// <param name="AllOwners">
/// Through the local API: list every owner's jobs (administrators only). There, a null <paramref name="Owner"/> without
/// this means the caller's own jobs. The grain itself ignores it: a null owner is every owner.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobListQuery")]
public sealed record JobListQuery(
    string? Owner,
    bool IncludeFinal,
    IReadOnlyList<JobState>? States = null,
    JobPriority? Priority = null,
    string? NamePrefix = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    int PageSize = 0,
    string? ContinuationToken = null,
    bool AllOwners = false);
