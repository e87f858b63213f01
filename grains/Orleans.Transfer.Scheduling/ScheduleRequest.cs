namespace Orleans.Transfer.Scheduling;

/// <summary>A job waiting in <see cref="TransferScheduler"/>; all mutable state is guarded by the scheduler's lock.</summary>
internal sealed class ScheduleRequest(Guid jobId, JobPriority priority, DateTimeOffset requestedAt)
{
    public Guid JobId { get; } = jobId;

    public JobPriority Priority { get; set; } = priority;

    public DateTimeOffset RequestedAt { get; } = requestedAt;

    // Arrival order: FIFO within a priority, and a re-acquire after a revoke goes to the back.
    public long Sequence { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    // Continuations run on the thread pool, never inline on whichever thread grants (possibly another grain's).
    public TaskCompletionSource<ISchedulerLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
