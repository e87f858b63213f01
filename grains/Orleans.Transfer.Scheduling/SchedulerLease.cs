namespace Orleans.Transfer.Scheduling;

/// <summary>A granted lease; all mutable state is guarded by the scheduler's lock.</summary>
internal sealed class SchedulerLease(
    TransferScheduler scheduler, Guid jobId, JobPriority priority, long sequence, DateTimeOffset grantedAt) : ISchedulerLease
{
    // Never disposed: the job may still observe the token after handing the lease back, and a source without a
    // timer holds nothing that needs freeing.
    private readonly CancellationTokenSource _revocation = new();

    public CancellationToken Revoked => _revocation.Token;

    public TransferScheduler Scheduler { get; } = scheduler;

    public Guid JobId { get; } = jobId;

    public JobPriority Priority { get; set; } = priority;

    // Grant order, to pre-empt the latest-started among equals.
    public long Sequence { get; } = sequence;

    public DateTimeOffset GrantedAt { get; } = grantedAt;

    public bool IsRevoked => _revocation.IsCancellationRequested;

    public bool IsReleased { get; set; }

    public ITimer? SliceTimer { get; set; }

    public DateTimeOffset SliceEndsAt { get; set; }

    public bool IsBackground => Priority != JobPriority.Foreground;

    // Sets the token at once but runs the job's callbacks on the thread pool, so they never run under the scheduler's
    // lock or on the thread of the grain that caused the revoke.
    public Task RevokeAsync() => _revocation.CancelAsync();

    public void StopSlice()
    {
        SliceTimer?.Dispose();
        SliceTimer = null;
    }

    public void Dispose() => Scheduler.Release(this);
}
