namespace Orleans.Transfer.Storage.History;

/// <summary>
/// Each job's history in the catalog's database: append-only, numbered per job, the newest
/// <see cref="JobLimits.HistoryEntriesKept"/> kept. A job's entries go with its catalog row
/// (<see cref="Catalog.IJobCatalog.DeleteAsync"/>); entries for a job without a row are not written.
/// </summary>
public interface IJobHistory
{
    /// <summary>Appends the records in one transaction, each numbered after its job's last, and drops what is over the limit.</summary>
    Task AppendAsync(IReadOnlyList<JobHistoryRecord> records, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="limit"/> entries of the job after <paramref name="after"/>, oldest first.</summary>
    Task<JobHistoryPage> ReadAsync(Guid jobId, long after, int limit, CancellationToken cancellationToken = default);
}
