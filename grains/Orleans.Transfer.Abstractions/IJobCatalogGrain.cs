namespace Orleans.Transfer;

/// <summary>Lists jobs from the service's job catalog (grain state itself is not queryable).</summary>
[Alias("Orleans.Transfer.IJobCatalogGrain")]
public interface IJobCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Jobs matching the query, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query);
}
