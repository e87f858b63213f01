namespace Orleans.Transfer;

/// <summary>
/// Creates a job under an id its caller has just minted (<see cref="Guid.NewGuid"/>), telling the silo so: the new
/// grain then starts from an empty state instead of reading storage for a row that cannot exist. Safe if the claim were
/// ever false: the create writes as a new row only, so an existing row refuses it (a version conflict) and stays as it is.
/// </summary>
public static class NewJobs
{
    /// <summary>
    /// The request-context key of the hint; its value is the new job's id, so the hint cannot apply to any other grain
    /// the call reaches.
    /// </summary>
    public const string RequestContextKey = "xfer.new-job";

    /// <summary>Calls <see cref="ITransferJobGrain.CreateAsync"/> on <paramref name="job"/>, whose id the caller has just minted.</summary>
    public static Task<JobInfo> CreateAsync(ITransferJobGrain job, CreateJobRequest request) =>
        WithHintAsync(job, () => job.CreateAsync(request));

    /// <summary>
    /// Calls <see cref="ITransferJobGrain.CreateAndWaitUntilSettledAsync"/> on <paramref name="job"/>, whose id the
    /// caller has just minted.
    /// </summary>
    public static Task<JobEvent> CreateAndWaitUntilSettledAsync(ITransferJobGrain job, CreateJobRequest request, TimeSpan maxWait) =>
        WithHintAsync(job, () => job.CreateAndWaitUntilSettledAsync(request, maxWait));

    private static async Task<T> WithHintAsync<T>(ITransferJobGrain job, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(job);

        // An async method: the request context set here is this call's alone and is gone when it returns.
        RequestContext.Set(RequestContextKey, job.GetPrimaryKey());
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(RequestContextKey);
        }
    }
}
