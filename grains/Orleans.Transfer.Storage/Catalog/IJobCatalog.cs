namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Indexed table of jobs for listing, the table of destination paths claimed by unfinished jobs, and the counters of
/// unfinished jobs per owner and for the service, which the database keeps equal to the rows. The job grain's state is
/// the truth; the grain rewrites its row whenever it activates, so a lost write heals itself. The scans (List*Async
/// returning ids) read the catalog a page at a time, as the caller enumerates.
/// </summary>
public interface IJobCatalog
{
    /// <summary>Inserts or replaces the job's row.</summary>
    Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first write of a new job, before its grain state: in one transaction, claims <paramref name="destinations"/>
    /// (all or none, compared exactly as given), writes the row and counts it, and keeps it only if the owner then has at
    /// most <paramref name="ownerLimit"/> unfinished jobs and the service at most <paramref name="serviceLimit"/>. Exact
    /// under concurrent creates. The row stays a reservation until <see cref="ConfirmAsync"/>; one left by a create that
    /// crashed is listed by <see cref="ListReservedBeforeAsync"/>. A row already under the id is an earlier create's
    /// leftover and is replaced: call this only for a job that does not exist.
    /// </summary>
    Task<JobReservation> TryReserveAsync(
        JobCatalogEntry entry,
        int ownerLimit,
        int serviceLimit,
        IReadOnlyList<string> destinations,
        CancellationToken cancellationToken = default);

    /// <summary>Writes the row, as <see cref="UpsertAsync"/>, and ends its reservation: the job's state exists.</summary>
    Task ConfirmAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the job's row, its reservation and its destination claims.</summary>
    Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the rows matching the query's filters, ordered by (created, id). A bad page size, filter or
    /// continuation token throws <see cref="TransferJobException"/> with InvalidArgument naming the field.
    /// </summary>
    Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default);

    /// <summary>The job's row, or null when it has none.</summary>
    Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ids of jobs whose recorded state is Queued, Connecting, Transferring or TransientError, oldest first.</summary>
    IAsyncEnumerable<Guid> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of Transferred jobs the service completes itself (<see cref="JobCatalogEntry.CompleteWhenTransferred"/>),
    /// oldest first: left so by a crash between their Transferred and Acknowledged writes. A job whose completion failed
    /// (B30) is not listed: its row is written with the flag 0, and it waits for its owner.
    /// </summary>
    IAsyncEnumerable<Guid> ListCompletingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of active jobs (as <see cref="ListActiveAsync"/>) whose row names <paramref name="silo"/> as the silo that
    /// last activated them (<see cref="JobCatalogEntry.Silo"/>), oldest first: the jobs a dead silo was running.
    /// </summary>
    IAsyncEnumerable<Guid> ListActiveOnSiloAsync(string silo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of active jobs (as <see cref="ListActiveAsync"/>) whose row names no silo of <paramref name="liveSilos"/>
    /// (a dead or unknown silo, or none), oldest first: what a silo starting in a cluster wakes, leaving the jobs that
    /// live silos run alone. With no live silo listed, every active job.
    /// </summary>
    IAsyncEnumerable<Guid> ListActiveNotOnSilosAsync(IReadOnlyList<string> liveSilos, CancellationToken cancellationToken = default);

    /// <summary>Ids of unfinished jobs whose row was last modified before <paramref name="before"/>.</summary>
    IAsyncEnumerable<Guid> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Ids of final (Acknowledged or Cancelled) jobs whose row was last modified before <paramref name="before"/>.</summary>
    IAsyncEnumerable<Guid> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of jobs reserved before <paramref name="before"/> and not confirmed: a create that crashed or failed between
    /// its reservation and its state write, unless the confirmation is merely late. Ask the job grain before removing.
    /// </summary>
    IAsyncEnumerable<Guid> ListReservedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims local paths for a job atomically: all or none. Returns the first path (in ordinal order) already claimed
    /// by another job, or null when every path is now claimed by <paramref name="jobId"/>. Paths are compared exactly as
    /// given (callers pass normalized full paths).
    /// </summary>
    Task<string?> TryClaimDestinationsAsync(Guid jobId, IReadOnlyList<string> localPaths, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of jobs that claim destinations but have no catalog row: left behind by an earlier version's create that
    /// failed or crashed after claiming, unless the job's row is merely late. Ask the job grain before releasing.
    /// </summary>
    IAsyncEnumerable<Guid> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default);

    /// <summary>Releases every path claimed by the job.</summary>
    Task ReleaseDestinationsAsync(Guid jobId, CancellationToken cancellationToken = default);
}
