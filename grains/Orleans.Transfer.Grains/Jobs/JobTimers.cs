using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job's grain timers, on the grain scheduler: the retry timer of a job in TransientError (B19: also cut short when
/// the network returns) and the notification delivery timer. The grain passes its <c>RegisterGrainTimer</c>.
/// </summary>
internal sealed partial class JobTimers(
    Guid jobId,
    Func<TransferJobState> job,
    Func<Func<CancellationToken, Task>, GrainTimerCreationOptions, IGrainTimer> registerTimer,
    IJobShell shell,
    JobTransitions transitions,
    JobRunner runner,
    JobNotifier notifier,
    JobPersistence persistence,
    INetworkMonitor network,
    JobCostPolicy costs,
    TimeProvider timeProvider,
    ILogger logger)
{
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _notifyTimer;

    private TransferJobState Job => job();

    public void ArmRetry()
    {
        CancelRetry();
        _retryTimer = registerTimer(RetryDueAsync, Options(DueIn(Job.NextRetryAt), interleave: false));
    }

    public void CancelRetry()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
    }

    public void ArmNotification()
    {
        if (notifier.NextDeliveryDue is not { } due)
        {
            return;
        }

        _notifyTimer?.Dispose();

        // Interleaved: a command may run for minutes, and it may well call back into this job (xfer job complete %id%).
        _notifyTimer = registerTimer(DeliverDueNotificationsAsync, Options(DueIn(due), interleave: true));
    }

    public void StopAll()
    {
        CancelRetry();
        _notifyTimer?.Dispose();
        _notifyTimer = null;
    }

    /// <summary>Continues whatever an active job was doing: transfer now, or wait for its retry time.</summary>
    public void ResumeActiveWork()
    {
        if (Job.State != JobState.TransientError)
        {
            runner.StartIfNeeded();
        }
        else if ((!RetryPolicy.WaitsForNetwork(Job) || network.IsAvailable) && (!JobCostPolicy.WaitsForCost(Job) || costs.AllowsNow))
        {
            // A job waiting for the network or for an allowed cost has no retry time: it goes again once that is so.
            ArmRetry();
        }
    }

    /// <summary>B84: a job waiting for the network's cost is queued again at once when its policy allows the cost now.</summary>
    public async Task RetryAfterCostChangeAsync()
    {
        if (!JobCostPolicy.WaitsForCost(Job) || !costs.AllowsNow)
        {
            return;
        }

        LogCostAllowed(logger, jobId, costs.Current.State, costs.Effective);
        await RequeueAsync();
    }

    /// <summary>B19: when the network returns, jobs in TransientError because of it are queued again at once.</summary>
    public async Task RetryAfterNetworkReturnAsync()
    {
        if (!RetryPolicy.RetriesWhenNetworkReturns(Job))
        {
            return;
        }

        LogNetworkReturned(logger, jobId);
        await RequeueAsync();
    }

    private async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        CancelRetry();
        if (Job.State == JobState.TransientError)
        {
            await RequeueAsync();
        }
        else if (Job.State == JobState.Queued)
        {
            // A cost change or network return may have queued the job while its run was still ending: start it now.
            runner.StartIfNeeded();
        }
    }

    /// <summary>A job in TransientError goes again now: no retry time, Queued, and its run started.</summary>
    private async Task RequeueAsync()
    {
        CancelRetry();
        Job.NextRetryAt = null;
        await transitions.ChangeStateAsync(JobState.Queued);
        runner.StartIfNeeded();
    }

    private async Task DeliverDueNotificationsAsync(CancellationToken cancellationToken)
    {
        if (!await notifier.DeliverDueAsync(RecordDeliveriesAsync, cancellationToken))
        {
            return;
        }

        ArmNotification();
    }

    private async Task RecordDeliveriesAsync()
    {
        await persistence.PersistAsync();
        await shell.UpdateWakeUpAsync();
    }

    private TimeSpan DueIn(DateTimeOffset? at)
    {
        var due = (at ?? timeProvider.GetUtcNow()) - timeProvider.GetUtcNow();
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    private static GrainTimerCreationOptions Options(TimeSpan dueTime, bool interleave) =>
        new() { DueTime = dueTime, Period = Timeout.InfiniteTimeSpan, Interleave = interleave, KeepAlive = true };
}
