namespace Orleans.Transfer.Storage.Catalog;

/// <summary>Writes many new jobs in one transaction: every job's state row, catalog row and claims, or nothing.</summary>
public interface IJobBatchStore
{
    /// <summary>
    /// Writes every job, counted against each job's limits as a single create's reservation is (the batch counts as its
    /// size), all or none. Returns null when all are written, else the first refusal; a refusal wrote nothing.
    /// </summary>
    Task<JobBatchRefusal?> CreateAsync<T>(IReadOnlyList<JobBatchEntry<T>> jobs, CancellationToken cancellationToken = default);
}
