using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Notifications;
using Orleans.Utilities;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job's events (B57–B61): observers hear them at once as <see cref="JobEvent"/>s; the notify command and webhook
/// get entries in the persisted outbox, delivered off the grain scheduler and retried until they succeed
/// (at-least-once); watchers long-poll on a signal. Owns the observers, the outbox's delivery and the signal; the
/// grain owns the timer that calls <see cref="DeliverDueAsync"/> and the writes after it.
/// </summary>
internal sealed partial class JobNotifier(
    Guid jobId,
    Func<TransferJobState> job,
    Func<Task> whenWritten,
    JobProjector projector,
    JobSecrets secrets,
    JobHistory history,
    INotificationDelivery delivery,
    NotificationBackOff backOff,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan s_observerExpiry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_shortestWatchInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestWatchWait = TimeSpan.FromMinutes(5);

    private ObserverManager<ITransferJobObserver>? _observers;

    // Observer calls are chained so each observer sees events in the order they happened.
    private Task _observerDelivery = Task.CompletedTask;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TransferJobState Job => job();

    /// <summary>True while <see cref="DeliverDueAsync"/> runs; the grain arms no second timer meanwhile.</summary>
    public bool Delivering { get; private set; }

    /// <summary>The event a move to <paramref name="target"/> raises.</summary>
    public static JobEventKind EventFor(JobState target) => target switch
    {
        JobState.Transferred => JobEventKind.JobTransferred,
        JobState.Error => JobEventKind.JobError,
        _ => JobEventKind.JobModification,
    };

    public void Subscribe(ITransferJobObserver observer) =>
        (_observers ??= new ObserverManager<ITransferJobObserver>(s_observerExpiry, logger)).Subscribe(observer, observer);

    public void Unsubscribe(ITransferJobObserver observer) => _observers?.Unsubscribe(observer);

    /// <summary>Tells observers now and queues deliveries; returns true when the outbox grew (the caller writes it).</summary>
    public bool Raise(JobEventKind kind, int? fileIndex = null)
    {
        var now = timeProvider.GetUtcNow();
        if (_observers is { Count: > 0 } observers)
        {
            _observerDelivery = NotifyObserversAsync(_observerDelivery, observers, projector.ToEvent(kind, fileIndex, now, Settled));
        }

        if (Job.Notifications is not { } settings)
        {
            return false;
        }

        var before = Job.Outbox.Count;
        if (settings.RunsCommandFor(kind))
        {
            Job.Outbox.Add(NewPending(kind, fileIndex, now, NotificationChannel.Command));
        }

        if (settings.PostsWebhookFor(kind))
        {
            Job.Outbox.Add(NewPending(kind, fileIndex, now, NotificationChannel.Webhook));
        }

        return Job.Outbox.Count != before;
    }

    /// <summary>
    /// Whether the service is completing the Transferred job itself (<see cref="JobCompletion"/>) or failed to: while it
    /// runs, watches wait for the outcome, Acknowledged or the job left Transferred, instead of ending at Transferred.
    /// </summary>
    public ServiceCompletion Completion { get; set; }

    /// <summary>Whether the job is settled now (<see cref="JobSettling"/>): every event and wait of this job says so.</summary>
    public bool Settled => JobSettling.IsSettled(Job.State, JobCompletion.IsDue(Job), Completion);

    /// <summary>Wakes every long poll: the state changed.</summary>
    public void SignalChanged()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }

    /// <summary>
    /// Returns at once when the state differs from <paramref name="knownState"/> or whether the job is settled from
    /// <paramref name="knownSettled"/> (a Transferred job the service failed to complete settles without a state
    /// change); when only the bytes differ, after at least <paramref name="minInterval"/>; otherwise after
    /// <paramref name="maxWait"/> (at most five minutes).
    /// </summary>
    public async Task<JobEvent> WaitForEventAsync(JobState knownState, bool knownSettled, long knownBytes, TimeSpan minInterval, TimeSpan maxWait)
    {
        var interval = minInterval < s_shortestWatchInterval ? s_shortestWatchInterval : minInterval;
        var deadline = timeProvider.GetUtcNow() + (maxWait > s_longestWatchWait ? s_longestWatchWait : maxWait);
        while (true)
        {
            if (Job.State != knownState || Settled != knownSettled)
            {
                // A state is set before its write returns; the answer waits for it, so a caller never acts on a state a
                // crash could still take back (but for a lone silo's deferred Transferred, not settled: JobCompletion).
                await whenWritten();
                return projector.ToEvent(EventFor(Job.State), null, timeProvider.GetUtcNow(), Settled);
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                return projector.ToEvent(JobEventKind.Progress, null, timeProvider.GetUtcNow(), Settled);
            }

            await WaitForChangeAsync(interval);
            if (Job.State == knownState && Settled == knownSettled && projector.ComputeProgress(live: true).BytesTransferred != knownBytes)
            {
                return projector.ToEvent(JobEventKind.Progress, null, timeProvider.GetUtcNow(), Settled);
            }
        }
    }

    /// <summary>
    /// Returns once the job is settled (<see cref="Settled"/>), or after <paramref name="maxWait"/> (at most five
    /// minutes) with the job as it stands; progress alone never answers it.
    /// </summary>
    public async Task<JobEvent> WaitUntilSettledAsync(TimeSpan maxWait)
    {
        var deadline = timeProvider.GetUtcNow() + (maxWait > s_longestWatchWait ? s_longestWatchWait : maxWait);
        while (true)
        {
            if (Settled)
            {
                // Settled as stored: the state that settled it may still be on its way to storage.
                await whenWritten();
                if (Settled)
                {
                    return projector.ToEvent(EventFor(Job.State), null, timeProvider.GetUtcNow(), Settled);
                }

                continue;
            }

            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return projector.ToEvent(JobEventKind.Progress, null, timeProvider.GetUtcNow(), Settled);
            }

            await WaitForChangeAsync(left);
        }
    }

    /// <summary>When the next outbox entry is due, or null when none is waiting (or a delivery is running).</summary>
    public DateTimeOffset? NextDeliveryDue => Job.Outbox.Count == 0 || Delivering ? null : Job.Outbox.Min(n => n.NextAttemptAt);

    /// <summary>
    /// Delivers the entries that are due, one at a time: delivered ones leave the outbox, failed ones get their next
    /// attempt time; then <paramref name="recordOutcome"/> writes the outbox and brings the wake-up reminder in line,
    /// still inside this delivery, so that no second delivery interleaves with that write. Returns false when a
    /// delivery was already running.
    /// </summary>
    public async Task<bool> DeliverDueAsync(Func<Task> recordOutcome, CancellationToken cancellationToken)
    {
        if (Delivering)
        {
            return false;
        }

        Delivering = true;
        try
        {
            var due = Job.Outbox.Where(n => n.NextAttemptAt <= timeProvider.GetUtcNow()).ToList();
            foreach (var entry in due)
            {
                var result = await DeliverAsync(entry, cancellationToken);
                var commandNoLongerWanted = entry.Channel == NotificationChannel.Command && Job.State.IsFinal();
                if (result.Delivered)
                {
                    history.Record(JobHistoryKind.NotificationDelivered, $"{entry.Channel} notification of {entry.Event} delivered");
                }

                if (result.Delivered || commandNoLongerWanted)
                {
                    Job.Outbox.Remove(entry);
                    continue;
                }

                entry.Attempts++;
                entry.NextAttemptAt = timeProvider.GetUtcNow() + (entry.Channel == NotificationChannel.Command
                    ? Job.MinimumRetryDelay
                    : backOff.NextDelay(entry.Attempts, result.RetryAfter));
                LogNotificationFailed(logger, jobId, entry.Channel, entry.Event, entry.Attempts, result.Detail, entry.NextAttemptAt);
                history.Record(
                    JobHistoryKind.NotificationFailed,
                    $"{entry.Channel} notification of {entry.Event} failed (attempt {entry.Attempts}): {result.Detail}; next attempt at {entry.NextAttemptAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
            }

            await recordOutcome();
            return true;
        }
        finally
        {
            Delivering = false;
        }
    }

    /// <summary>Returns on the next change or after <paramref name="wait"/>, whichever comes first.</summary>
    private async Task WaitForChangeAsync(TimeSpan wait)
    {
        // The timer is cancelled when a change answers first, so many waiting calls leave no timers behind.
        using var timeout = new CancellationTokenSource();
        await Task.WhenAny(_changed.Task, Task.Delay(wait, timeProvider, timeout.Token));
        await timeout.CancelAsync();
    }

    private Task<DeliveryResult> DeliverAsync(PendingNotification entry, CancellationToken cancellationToken)
    {
        if (!secrets.TryGetDeliverySettings(out var settings, out var problem) && entry.Channel == NotificationChannel.Webhook)
        {
            return Task.FromResult(new DeliveryResult(false, problem));
        }

        var notification = new JobNotification(entry.Id, jobId, entry.Event, projector.ToInfo(), entry.FileIndex, entry.OccurredAt);

        // A command may run for minutes: off the grain scheduler.
        return Task.Run(
            () => entry.Channel == NotificationChannel.Command
                ? delivery.DeliverCommandAsync(settings, notification, cancellationToken)
                : delivery.DeliverWebhookAsync(settings, notification, cancellationToken),
            cancellationToken);
    }

    /// <summary>Never faults, so one unreachable observer cannot stop the events after it.</summary>
    private async Task NotifyObserversAsync(Task previous, ObserverManager<ITransferJobObserver> observers, JobEvent jobEvent)
    {
        await previous;
        try
        {
            await observers.Notify(o => o.OnJobEvent(jobEvent));
        }
        catch (Exception e)
        {
            LogObserverFailed(logger, e, jobId, jobEvent.Kind);
        }
    }

    private static PendingNotification NewPending(JobEventKind kind, int? fileIndex, DateTimeOffset now, NotificationChannel channel) =>
        new() { Id = Guid.NewGuid(), Event = kind, FileIndex = fileIndex, OccurredAt = now, Channel = channel, NextAttemptAt = now };
}
