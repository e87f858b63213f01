namespace Orleans.Transfer;

/// <summary>
/// Creates many jobs in one call and one storage transaction, without a call to each job: for services that create
/// jobs in bulk. Use key 0; any silo answers.
/// </summary>
[Alias("Orleans.Transfer.IJobBatchGrain")]
public interface IJobBatchGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates every job, each validated exactly as <see cref="ITransferJobGrain.CreateAsync"/> validates it, all or
    /// none: a refusal names the job at fault (field <c>jobs[i].&lt;the single create's field&gt;</c>) and creates
    /// nothing. The batch counts as its size against the job limits. At most <c>Transfer:Jobs:MaxJobsPerCreateCall</c>
    /// jobs per call.
    /// </summary>
    /// <param name="jobs">The jobs, with ids their caller has just minted.</param>
    /// <returns>The created jobs, in the order of <paramref name="jobs"/>.</returns>
    [Alias("Create")]
    Task<IReadOnlyList<JobInfo>> CreateAsync(IReadOnlyList<NewJob> jobs);
}
