namespace Orleans.Transfer.Scheduling;

// The scheduling rules; every method here runs under _gate.
public sealed partial class TransferScheduler
{
    // Grants what can be granted and pre-empts for what outranks a running job.
    private void Pump()
    {
        var freeSlots = _options.MaxConcurrentBackgroundJobs - _running.Values.Count(l => l.IsBackground);

        // Revoked leases not yet handed back: each will free a slot for the best waiter, so those waiters need no
        // further pre-emption.
        var slotsComing = CountYielding();
        foreach (var request in Ranked().ToList())
        {
            if (request.Priority == JobPriority.Foreground)
            {
                Grant(request);
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

            LogPreempted(_logger, victim.JobId, victim.Priority, request.JobId, request.Priority);
            Revoke(victim);
        }
    }

    private void Grant(ScheduleRequest request)
    {
        _waiting.Remove(request.JobId);
        request.Registration.Unregister();
        var now = _timeProvider.GetUtcNow();
        var lease = new SchedulerLease(this, request.JobId, request.Priority, ++_sequence, now);
        _running.Add(lease.JobId, lease);
        if (lease.IsBackground)
        {
            lease.SliceTimer = StartSlice(lease);
        }

        LogGranted(_logger, lease.JobId, lease.Priority, now - request.RequestedAt);
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

        if (!lease.IsBackground)
        {
            lease.StopSlice();
        }
        else if (_running.Values.Count(l => l.IsBackground) > _options.MaxConcurrentBackgroundJobs)
        {
            // Rather than exceed the limit, it queues again with its new priority (and may then pre-empt).
            LogNoSlotAfterPriorityChange(_logger, lease.JobId, priority);
            Revoke(lease);
        }
        else
        {
            lease.SliceTimer = StartSlice(lease);
        }
    }

    private void OnSliceEnded(SchedulerLease lease)
    {
        lock (_gate)
        {
            // A timer callback can race with the lease being released, revoked or made Foreground.
            if (_disposed || lease.IsReleased || lease.IsRevoked || !lease.IsBackground || lease.SliceTimer is null)
            {
                return;
            }

            var contenders = _waiting.Values.Count(r => r.Priority <= lease.Priority);
            if (contenders > CountYielding())
            {
                LogSliceEnded(_logger, lease.JobId, lease.Priority);
                Revoke(lease);
            }
            else
            {
                // Slices stay on the grid started at the grant, so a late timer does not stretch the next one; after a
                // long stall (such as a suspended machine) a fresh slice starts now instead of catching up.
                var now = _timeProvider.GetUtcNow();
                var next = lease.SliceEndsAt + _options.TimeSlice;
                lease.SliceEndsAt = next > now ? next : now + _options.TimeSlice;
                lease.SliceTimer.Change(lease.SliceEndsAt - now, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private ITimer StartSlice(SchedulerLease lease)
    {
        lease.SliceEndsAt = _timeProvider.GetUtcNow() + _options.TimeSlice;
        return WithoutContextFlow(() => CreateSliceTimer(lease));
    }

    private ITimer CreateSliceTimer(SchedulerLease lease) => _timeProvider.CreateTimer(
        static state => ((SchedulerLease)state!).Scheduler.OnSliceEnded((SchedulerLease)state!),
        lease,
        _options.TimeSlice,
        Timeout.InfiniteTimeSpan);

    private void Revoke(SchedulerLease lease)
    {
        lease.StopSlice();
        var jobId = lease.JobId;
        WithoutContextFlow(lease.RevokeAsync).ContinueWith(
            task => LogRevocationCallbackFailed(_logger, task.Exception!, jobId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private int CountYielding() => _running.Values.Count(l => l.IsBackground && l.IsRevoked);

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
