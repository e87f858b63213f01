namespace Orleans.Transfer.Scheduling;

/// <summary>
/// Decides which jobs on this silo may transfer now (BITS B37–B38a): Foreground jobs a limited number at a time of
/// their own (BITS has no such limit), in arrival order and taking turns in slices; background jobs
/// (High, Normal, Low) a limited number at a time, highest priority first, FIFO within a priority, sharing time
/// round-robin in slices among equals, and pre-empted by higher priorities.
/// </summary>
public interface ITransferScheduler
{
    /// <summary>
    /// Waits until the job may transfer and returns its lease. The lease's <see cref="ISchedulerLease.Revoked"/> token
    /// fires when the job must yield (pre-empted, or its slice ended while an equal-priority job waits); the job then
    /// disposes the lease, goes back to Queued keeping its bytes, and calls this again. Cancelling
    /// <paramref name="cancellationToken"/> withdraws the request.
    /// </summary>
    Task<ISchedulerLease> AcquireAsync(Guid jobId, JobPriority priority, CancellationToken cancellationToken);

    /// <summary>Applies a priority change to a waiting or running job; takes effect within one slice.</summary>
    void ChangePriority(Guid jobId, JobPriority priority);
}
