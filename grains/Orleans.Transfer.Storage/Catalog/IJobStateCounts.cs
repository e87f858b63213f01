namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Jobs by state from counters the database keeps equal to the catalog's rows (Sql/*/06-job-state-counts.sql): a
/// status page reads them without touching a job's row or grain.
/// </summary>
public interface IJobStateCounts
{
    /// <summary>Jobs by state, every state listed (zero included), in <see cref="JobState"/> order.</summary>
    /// <param name="owners">The owners to count, or null for every owner.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<JobStateCount>> CountByStateAsync(IReadOnlyList<string>? owners, CancellationToken cancellationToken = default);
}
