using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Scheduling;

/// <summary>
/// The scheduling rules of a <see cref="TransferScheduler"/>: the waiting requests and running leases, which of them
/// get a slot, who is pre-empted, and when a time slice ends. Not thread-safe: the scheduler calls every member under
/// its lock, and the slice timers call back through <see cref="TransferScheduler.OnSliceEnded"/>, which takes it.
/// </summary>
internal sealed partial class SlotPolicy(
    TransferScheduler scheduler, TransferSchedulerOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly Dictionary<Guid, ScheduleRequest> _waiting = [];
    private readonly Dictionary<Guid, SchedulerLease> _running = [];
    private long _sequence;

    /// <summary>True while the job waits for or holds a lease, revoked or not.</summary>
    public bool Holds(Guid jobId) => _waiting.ContainsKey(jobId) || _running.ContainsKey(jobId);

    /// <summary>Queues the request behind those of its priority, then grants what can be granted.</summary>
    public void Enqueue(ScheduleRequest request)
    {
        request.Sequence = ++_sequence;
        _waiting.Add(request.JobId, request);
        Pump();
    }

    /// <summary>Removes the request if it still waits; false when it was never queued or was replaced.</summary>
    public bool TryWithdraw(ScheduleRequest request)
    {
        if (_waiting.TryGetValue(request.JobId, out var waiting) && ReferenceEquals(waiting, request))
        {
            _waiting.Remove(request.JobId);
            return true;
        }

        return false;
    }

    /// <summary>Re-ranks a waiting job or applies the change to a running one; false when the job is unknown.</summary>
    public bool TryChangePriority(Guid jobId, JobPriority priority)
    {
        if (_waiting.TryGetValue(jobId, out var request))
        {
            request.Priority = priority;
        }
        else if (_running.TryGetValue(jobId, out var lease))
        {
            ChangeRunningPriority(lease, priority);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Frees the lease's slot; the caller pumps once it has logged the release.</summary>
    public void Remove(SchedulerLease lease)
    {
        lease.IsReleased = true;
        lease.StopSlice();
        _running.Remove(lease.JobId);
    }

    /// <summary>The jobs running, yielding, then waiting (in grant order).</summary>
    public IReadOnlyList<ScheduledJob> Snapshot() =>
    [
        .. _running.Values.OrderBy(l => l.Sequence).Select(l => new ScheduledJob(
            l.JobId, l.Priority, l.IsRevoked ? ScheduledJobState.Yielding : ScheduledJobState.Running, l.GrantedAt)),
        .. Ranked().Select(r => new ScheduledJob(r.JobId, r.Priority, ScheduledJobState.Waiting, r.RequestedAt)),
    ];

    /// <summary>Stops the slice timers and fails waiting requests with <see cref="ObjectDisposedException"/>.</summary>
    public void Close()
    {
        foreach (var lease in _running.Values)
        {
            lease.StopSlice();
        }

        foreach (var request in _waiting.Values)
        {
            request.Registration.Unregister();
            request.Completion.TrySetException(new ObjectDisposedException(nameof(TransferScheduler)));
        }

        _waiting.Clear();
    }

    /// <summary>Grants what can be granted and pre-empts for what outranks a running job.</summary>
    public void Pump()
    {
        var freeForeground = options.MaxConcurrentForegroundJobs - _running.Values.Count(l => !l.IsBackground);
        var freeSlots = options.MaxConcurrentBackgroundJobs - _running.Values.Count(l => l.IsBackground);

        // Revoked leases not yet handed back: each will free a slot for the best waiter, so those waiters need no
        // further pre-emption.
        var slotsComing = CountYielding(background: true);
        foreach (var request in Ranked().ToList())
        {
            if (request.Priority == JobPriority.Foreground)
            {
                // Foreground jobs are all equal: they wait for one of their own slots (FIFO, with time slices) and
                // never take or pre-empt a background one.
                if (freeForeground > 0)
                {
                    freeForeground--;
                    Grant(request);
                }

                continue;
            }

            if (freeSlots > 0)
            {
                freeSlots--;
                Grant(request);
                continue;
            }

            if (slotsComing > 0)
            {
                slotsComing--;
                continue;
            }

            var victim = _running.Values
                .Where(l => l.IsBackground && !l.IsRevoked)
                .OrderByDescending(l => l.Priority)
                .ThenByDescending(l => l.Sequence)
                .FirstOrDefault();

            // Waiters come in rank order, so once one cannot pre-empt, none after it can.
            if (victim is null || victim.Priority <= request.Priority)
            {
                return;
            }

            LogPreempted(logger, victim.JobId, victim.Priority, request.JobId, request.Priority);
            Revoke(victim);
        }
    }

    /// <summary>
    /// At the end of a lease's slice: revokes it if a job that could take its slot waits (for a background lease, one
    /// of equal or better background priority; for a Foreground lease, another Foreground job), else extends it.
    /// </summary>
    public void EndSlice(SchedulerLease lease)
    {
        // A timer callback can race with the lease being released or revoked.
        if (lease.IsReleased || lease.IsRevoked || lease.SliceTimer is null)
        {
            return;
        }

        var contenders = lease.IsBackground
            ? _waiting.Values.Count(r => r.Priority != JobPriority.Foreground && r.Priority <= lease.Priority)
            : _waiting.Values.Count(r => r.Priority == JobPriority.Foreground);
        if (contenders > CountYielding(lease.IsBackground))
        {
            LogSliceEnded(logger, lease.JobId, lease.Priority);
            Revoke(lease);
        }
        else
        {
            // Slices stay on the grid started at the grant, so a late timer does not stretch the next one; after a
            // long stall (such as a suspended machine) a fresh slice starts now instead of catching up.
            var now = timeProvider.GetUtcNow();
            var next = lease.SliceEndsAt + options.TimeSlice;
            lease.SliceEndsAt = next > now ? next : now + options.TimeSlice;
            lease.SliceTimer.Change(lease.SliceEndsAt - now, Timeout.InfiniteTimeSpan);
        }
    }

    private void Grant(ScheduleRequest request)
    {
        _waiting.Remove(request.JobId);
        request.Registration.Unregister();
        var now = timeProvider.GetUtcNow();
        var lease = new SchedulerLease(scheduler, request.JobId, request.Priority, ++_sequence, now);
        _running.Add(lease.JobId, lease);
        lease.SliceTimer = StartSlice(lease);

        LogGranted(logger, lease.JobId, lease.Priority, now - request.RequestedAt);
        request.Completion.TrySetResult(lease);
    }

    private void ChangeRunningPriority(SchedulerLease lease, JobPriority priority)
    {
        var wasBackground = lease.IsBackground;
        lease.Priority = priority;
        if (lease.IsRevoked || wasBackground == lease.IsBackground)
        {
            return;
        }

        var limit = lease.IsBackground ? options.MaxConcurrentBackgroundJobs : options.MaxConcurrentForegroundJobs;
        if (_running.Values.Count(l => l.IsBackground == lease.IsBackground) > limit)
        {
            // Rather than exceed the limit of its new class, it queues again with its new priority (and may then
            // pre-empt).
            LogNoSlotAfterPriorityChange(logger, lease.JobId, priority);
            Revoke(lease);
        }
        else
        {
            // A new class, a new slice among the jobs of that class.
            lease.StopSlice();
            lease.SliceTimer = StartSlice(lease);
        }
    }

    private ITimer StartSlice(SchedulerLease lease)
    {
        lease.SliceEndsAt = timeProvider.GetUtcNow() + options.TimeSlice;
        return WithoutContextFlow(() => CreateSliceTimer(lease));
    }

    private ITimer CreateSliceTimer(SchedulerLease lease) => timeProvider.CreateTimer(
        static state => ((SchedulerLease)state!).Scheduler.OnSliceEnded((SchedulerLease)state!),
        lease,
        options.TimeSlice,
        Timeout.InfiniteTimeSpan);

    private void Revoke(SchedulerLease lease)
    {
        lease.StopSlice();
        var jobId = lease.JobId;
        WithoutContextFlow(lease.RevokeAsync).ContinueWith(
            task => LogRevocationCallbackFailed(logger, task.Exception!, jobId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private int CountYielding(bool background) => _running.Values.Count(l => l.IsBackground == background && l.IsRevoked);

    private IEnumerable<ScheduleRequest> Ranked() =>
        _waiting.Values.OrderBy(r => r.Priority).ThenBy(r => r.Sequence);

    // Runs start without flowing the caller's ExecutionContext into the timer or thread-pool work it starts: that work
    // outlives the call and may concern another job, so it must not carry this grain's AsyncLocals (such as the Orleans
    // RequestContext).
    private static T WithoutContextFlow<T>(Func<T> start)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return start();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return start();
        }
    }
}
