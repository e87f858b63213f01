using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains;

/// <summary>State changes, durable writes, the catalog row and the durable wake-up reminder.</summary>
internal sealed partial class TransferJobGrain
{
    private const string WakeUpReminder = "wake-up";

    // The run loop and caller operations interleave at awaits; storage writes must not overlap (ETag conflicts). All of
    // this runs on the grain's single-threaded scheduler, so chaining each write after the previous one is enough.
    private Task _lastWrite = Task.CompletedTask;

    // Progress alone reaches storage at most this often (the worker's checkpoint cadence); state changes always do.
    private static readonly TimeSpan s_progressWriteInterval = TimeSpan.FromSeconds(2);

    private DateTimeOffset _lastWriteAt;
    private JobState? _catalogState;
    private DateTimeOffset _catalogWrittenAt;

    private static bool IsRunnable(JobState state) => state is JobState.Queued or JobState.Connecting or JobState.Transferring;

    private async Task ChangeStateAsync(JobState target)
    {
        if (!JobStateMachine.CanTransition(Job.State, target))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                $"Job {JobId} cannot move from {Job.State} to {target}.");
        }

        var neededWakeUp = NeedsWakeUp;
        var outboxBefore = Job.Outbox.Count;
        var betweenRunnableStates = IsRunnable(Job.State) && IsRunnable(target);
        LogStateChanged(logger, JobId, Job.State, target);
        TrackDownloadTime(Job.State, target);
        Job.State = target;
        RaiseEvent(EventFor(target));
        if (betweenRunnableStates && Job.Outbox.Count == outboxBefore)
        {
            // Queued, Connecting and Transferring differ only while the job runs: after a restart it is queued again
            // whichever it was, so these moves need no write (the next progress write records them).
            SignalStateChanged();
            return;
        }

        // Register before the state write so that a crash in between still wakes the job; unregister after it so that a
        // crash in between merely wakes a job that then finds nothing to do.
        if (NeedsWakeUp && !neededWakeUp)
        {
            await this.RegisterOrUpdateReminder(WakeUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        await PersistAsync();

        if (!NeedsWakeUp && neededWakeUp)
        {
            await UnregisterWakeUpAsync();
        }

        SignalStateChanged();
        if (target.IsFinal())
        {
            await catalog.ReleaseDestinationsAsync(JobId);
        }
    }

    private async Task PersistAsync()
    {
        var previous = _lastWrite;
        var done = new TaskCompletionSource();
        _lastWrite = done.Task;
        try
        {
            await previous;
            Job.Modified = timeProvider.GetUtcNow();
            await state.WriteStateAsync();
            _lastWriteAt = Job.Modified;
        }
        finally
        {
            done.SetResult();
        }

        await UpsertCatalogIfDueAsync();
    }

    /// <summary>Progress-only writes between two checkpoints can wait; a job that goes idle writes what it has.</summary>
    private bool ProgressWriteDue => timeProvider.GetUtcNow() - _lastWriteAt >= s_progressWriteInterval;

    private async Task UpsertCatalogIfDueAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_catalogState == Job.State && now - _catalogWrittenAt < s_progressWriteInterval)
        {
            return;
        }

        await UpsertCatalogAsync();
        _catalogState = Job.State;
        _catalogWrittenAt = now;
    }

    private async Task UpsertCatalogAsync()
    {
        var progress = ComputeProgress(live: false);
        try
        {
            await catalog.UpsertAsync(new JobCatalogEntry(
                JobId,
                Job.DisplayName,
                Job.State,
                Job.Priority,
                Job.Owner,
                progress.BytesTotal,
                progress.BytesTransferred,
                progress.FilesTotal,
                progress.FilesTransferred,
                Job.Created,
                Job.Modified));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain state is already durable; the row is rewritten on the next change or activation.
            LogCatalogWriteFailed(logger, e, JobId);
        }
    }

    /// <summary>Active jobs and jobs with undelivered notifications must come back by themselves after a restart.</summary>
    private bool NeedsWakeUp => Job.Exists && (Job.State.IsActive() || Job.Outbox.Count > 0);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!NeedsWakeUp)
        {
            await UnregisterWakeUpAsync();
            return;
        }

        if (Job.State.IsActive())
        {
            ResumeActiveWork();
        }

        ArmNotificationTimer();
    }

    /// <summary>Brings the reminder in line after the outbox changed outside a state change.</summary>
    private async Task UpdateWakeUpAsync()
    {
        var registered = await this.GetReminder(WakeUpReminder) is not null;
        if (NeedsWakeUp && !registered)
        {
            await this.RegisterOrUpdateReminder(WakeUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else if (!NeedsWakeUp && registered)
        {
            await UnregisterWakeUpAsync();
        }
    }

    private async Task UnregisterWakeUpAsync()
    {
        var reminder = await this.GetReminder(WakeUpReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
