namespace Orleans.Transfer.Scheduling;

// The scheduling rules; every method here runs under _gate.
public sealed partial class TransferScheduler
{
    /// <summary>Grants what can be granted and pre-empts for what outranks a running job.</summary>
    private void Pump()
    {
        var freeSlots = _options.MaxConcurrentBackgroundJobs - _running.Values.Count(l => l.IsBackground);

        // Revoked leases not yet handed back: each will free a slot for the best waiter, so those waiters need no
        // further pre-emption.
        var slotsComing = CountYielding();
        foreach (var request in Ranked().ToList())
        {
            if (request.Priority == JobPriority.Foreground || freeSlots > 0)
            {
                freeSlots -= request.Priority == JobPriority.Foreground ? 0 : 1;
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
                lease.SliceTimer.Change(_options.TimeSlice, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private ITimer StartSlice(SchedulerLease lease)
    {
        // The timer outlives the call; it must not capture the calling grain's ExecutionContext.
        if (ExecutionContext.IsFlowSuppressed())
        {
            return CreateSliceTimer(lease);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return CreateSliceTimer(lease);
        }
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
        lease.RevokeAsync().ContinueWith(
            task => LogRevocationCallbackFailed(_logger, task.Exception!, jobId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private int CountYielding() => _running.Values.Count(l => l.IsBackground && l.IsRevoked);

    private IEnumerable<ScheduleRequest> Ranked() =>
        _waiting.Values.OrderBy(r => r.Priority).ThenBy(r => r.Sequence);
}
