namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Indexed table of jobs for listing, plus the table of destination paths claimed by unfinished jobs. The job grain's
/// state is the truth; the grain rewrites its row whenever it activates, so a lost write heals itself.
/// </summary>
public interface IJobCatalog
{
    /// <summary>Inserts or replaces the job's row.</summary>
    Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the job's row and its destination claims.</summary>
    Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the rows matching the query's filters, ordered by (created, id). A bad page size, filter or
    /// continuation token throws <see cref="TransferJobException"/> with InvalidArgument naming the field.
    /// </summary>
    Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default);

    /// <summary>The job's row, or null when it has none.</summary>
    Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ids of jobs whose recorded state is Queued, Connecting, Transferring or TransientError.</summary>
    Task<IReadOnlyList<Guid>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Unfinished (not Acknowledged or Cancelled) jobs of one owner and of the whole service.</summary>
    Task<UnfinishedJobCounts> CountUnfinishedAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Ids of unfinished jobs whose row was last modified before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Guid>> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Ids of final (Acknowledged or Cancelled) jobs whose row was last modified before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Guid>> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims local paths for a job atomically: all or none. Returns the first path already claimed by another job,
    /// or null when every path is now claimed by <paramref name="jobId"/>. Paths are compared exactly as given
    /// (callers pass normalized full paths).
    /// </summary>
    Task<string?> TryClaimDestinationsAsync(Guid jobId, IReadOnlyList<string> localPaths, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of jobs that claim destinations but have no catalog row: left behind by a create that failed or crashed
    /// after claiming, unless the job's row is merely late. Ask the job grain before releasing.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default);

    /// <summary>Releases every path claimed by the job.</summary>
    Task ReleaseDestinationsAsync(Guid jobId, CancellationToken cancellationToken = default);
}
