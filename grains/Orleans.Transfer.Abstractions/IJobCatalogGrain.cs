namespace Orleans.Transfer;

/// <summary>Lists jobs from the service's job catalog (grain state itself is not queryable).</summary>
[Alias("Orleans.Transfer.IJobCatalogGrain")]
public interface IJobCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Every job matching the query's filters, oldest first, from its continuation token on (its page size is ignored).
    /// Prefer <see cref="ListPageAsync"/> where the service may hold many jobs.
    /// </summary>
    [Alias("List")]
    Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query);

    /// <summary>
    /// One page of the jobs matching the query's filters, in a stable order (creation time, then id). An invalid
    /// query or continuation token throws <see cref="TransferJobException"/> with InvalidArgument.
    /// </summary>
    [Alias("ListPage")]
    Task<JobListPage> ListPageAsync(JobListQuery query);

    /// <summary>
    /// Jobs by state, every state listed (zero included), from the catalog's counters: no job is activated or read.
    /// </summary>
    /// <param name="owners">The owners to count (an owner id and a legacy account name, say), or null for every owner.</param>
    [Alias("CountByState")]
    Task<IReadOnlyList<JobStateCount>> CountByStateAsync(IReadOnlyList<string>? owners);

    /// <summary>
    /// The job's history after sequence number <paramref name="after"/> (0 for the oldest kept), at most
    /// <paramref name="limit"/> entries (1 to <see cref="JobLimits.MaxHistoryPageSize"/>). No owner check: callers
    /// check access to the job first, as for its info. A job without history (or none) gives an empty page.
    /// </summary>
    [Alias("GetHistory")]
    Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after, int limit);
}
