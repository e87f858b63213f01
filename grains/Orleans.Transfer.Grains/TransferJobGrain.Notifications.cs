using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Notifications;
using Orleans.Utilities;

namespace Orleans.Transfer.Grains;

/// <summary>
/// Job events (B57–B61): observers hear them at once; the notify command and webhook get entries in the persisted
/// outbox, delivered off the grain scheduler and retried until they succeed (at-least-once).
/// </summary>
internal sealed partial class TransferJobGrain
{
    private static readonly TimeSpan s_observerExpiry = TimeSpan.FromMinutes(5);

    private ObserverManager<ITransferJobObserver>? _observers;
    private IGrainTimer? _notifyTimer;
    private bool _delivering;

    // Observer calls are chained so each observer sees events in the order they happened.
    private Task _observerDelivery = Task.CompletedTask;

    public async Task<JobInfo> SetNotificationsAsync(NotificationSettings? settings)
    {
        EnsureExists();
        JobStateMachine.EnsureNotFinal(Job.State, "change the notifications of");
        settings?.Validate();
        Job.Notifications = settings;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        RaiseEvent(JobEventKind.JobModification);
        await PersistAsync();
        await UpdateWakeUpAsync();
        return ToInfo();
    }

    public Task SubscribeAsync(ITransferJobObserver observer)
    {
        EnsureExists();
        (_observers ??= new ObserverManager<ITransferJobObserver>(s_observerExpiry, logger)).Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ITransferJobObserver observer)
    {
        _observers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Tells observers now and queues deliveries; the caller's next write persists the outbox.</summary>
    private void RaiseEvent(JobEventKind kind, int? fileIndex = null)
    {
        if (_observers is { Count: > 0 } observers)
        {
            _observerDelivery = NotifyObserversAsync(_observerDelivery, observers, kind, ToInfo(), fileIndex);
        }

        if (Job.Notifications is not { } settings)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (settings.RunsCommandFor(kind))
        {
            Job.Outbox.Add(NewPending(kind, fileIndex, now, NotificationChannel.Command));
        }

        if (settings.PostsWebhookFor(kind))
        {
            Job.Outbox.Add(NewPending(kind, fileIndex, now, NotificationChannel.Webhook));
        }

        ArmNotificationTimer();
    }

    /// <summary>Never faults, so one unreachable observer cannot stop the events after it.</summary>
    private async Task NotifyObserversAsync(
        Task previous,
        ObserverManager<ITransferJobObserver> observers,
        JobEventKind kind,
        JobInfo info,
        int? fileIndex)
    {
        await previous;
        try
        {
            await observers.Notify(o => o.OnJobEvent(kind, info, fileIndex));
        }
        catch (Exception e)
        {
            LogObserverFailed(logger, e, JobId, kind);
        }
    }

    private static PendingNotification NewPending(JobEventKind kind, int? fileIndex, DateTimeOffset now, NotificationChannel channel) =>
        new() { Id = Guid.NewGuid(), Event = kind, FileIndex = fileIndex, OccurredAt = now, Channel = channel, NextAttemptAt = now };

    private static JobEventKind EventFor(JobState target) => target switch
    {
        JobState.Transferred => JobEventKind.JobTransferred,
        JobState.Error => JobEventKind.JobError,
        _ => JobEventKind.JobModification,
    };

    private void ArmNotificationTimer()
    {
        if (Job.Outbox.Count == 0 || _delivering)
        {
            return;
        }

        var due = Job.Outbox.Min(n => n.NextAttemptAt) - timeProvider.GetUtcNow();
        _notifyTimer?.Dispose();

        // Interleaved: a command may run for minutes, and it may well call back into this job (xfer job complete %id%).
        _notifyTimer = this.RegisterGrainTimer(
            DeliverDueNotificationsAsync,
            new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
                KeepAlive = true,
            });
    }

    private async Task DeliverDueNotificationsAsync(CancellationToken cancellationToken)
    {
        if (_delivering)
        {
            return;
        }

        _delivering = true;
        try
        {
            var due = Job.Outbox.Where(n => n.NextAttemptAt <= timeProvider.GetUtcNow()).ToList();
            foreach (var entry in due)
            {
                var result = await DeliverAsync(entry, cancellationToken);
                var commandNoLongerWanted = entry.Channel == NotificationChannel.Command && Job.State.IsFinal();
                if (result.Delivered || commandNoLongerWanted)
                {
                    Job.Outbox.Remove(entry);
                    continue;
                }

                entry.Attempts++;
                entry.NextAttemptAt = timeProvider.GetUtcNow() + (entry.Channel == NotificationChannel.Command
                    ? Job.MinimumRetryDelay
                    : backOff.NextDelay(entry.Attempts, result.RetryAfter));
                LogNotificationFailed(logger, JobId, entry.Channel, entry.Event, entry.Attempts, result.Detail, entry.NextAttemptAt);
            }

            await PersistAsync();
            await UpdateWakeUpAsync();
        }
        finally
        {
            _delivering = false;
        }

        ArmNotificationTimer();
    }

    private Task<DeliveryResult> DeliverAsync(PendingNotification entry, CancellationToken cancellationToken)
    {
        var settings = Job.Notifications ?? new NotificationSettings(Flags: JobEventKind.None);
        var notification = new JobNotification(entry.Id, JobId, entry.Event, ToInfo(), entry.FileIndex, entry.OccurredAt);
        return Task.Run(
            () => entry.Channel == NotificationChannel.Command
                ? delivery.DeliverCommandAsync(settings, notification, cancellationToken)
                : delivery.DeliverWebhookAsync(settings, notification, cancellationToken),
            cancellationToken);
    }

    private void DisposeNotificationTimer()
    {
        _notifyTimer?.Dispose();
        _notifyTimer = null;
    }
}
