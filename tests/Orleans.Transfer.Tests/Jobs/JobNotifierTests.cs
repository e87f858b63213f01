using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Tests.Costs;

namespace Orleans.Transfer.Tests.Jobs;

public sealed class JobNotifierTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TransferJobState _job = new() { Exists = true, State = JobState.Transferring, MinimumRetryDelay = TimeSpan.FromSeconds(60) };
    private readonly ScriptedDelivery _delivery = new();
    private TaskCompletionSource _written = CompletedWrite();

    private JobNotifier Create() =>
        new(
            Guid.NewGuid(),
            () => _job,
            () => _written.Task,
            new JobProjector(Guid.NewGuid(), () => _job, new FixedLiveProgress(), TestCosts.For(() => _job), "127.0.0.1:11111@1"),
            TestSecrets.For(_job),
            UnwrittenHistory.For(() => _job, _clock),
            _delivery,
            new NotificationBackOff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), new Random(1)),
            _clock,
            NullLogger.Instance);

    [Fact]
    public void Raise_WithoutSettings_QueuesNothing() => Assert.False(Create().Raise(JobEventKind.JobTransferred));

    [Fact]
    public void Raise_QueuesOneEntryPerChannelThatWantsTheEvent()
    {
        _job.Notifications = new NotificationSettings("/bin/true", WebhookUrl: "https://example.test/h", Flags: JobEventKind.JobTransferred | JobEventKind.FileTransferred);
        var notifier = Create();
        Assert.True(notifier.Raise(JobEventKind.JobTransferred));
        Assert.False(notifier.Raise(JobEventKind.JobModification));
        Assert.Equal([NotificationChannel.Command, NotificationChannel.Webhook], _job.Outbox.Select(n => n.Channel));
        Assert.True(notifier.Raise(JobEventKind.FileTransferred, 3));
        Assert.Equal(3, _job.Outbox[^1].FileIndex);
        Assert.Equal(_clock.GetUtcNow(), notifier.NextDeliveryDue);
    }

    [Fact]
    public async Task DeliverDue_DropsDelivered_AndReschedulesFailed()
    {
        _job.Notifications = new NotificationSettings("/bin/true", WebhookUrl: "https://example.test/h");
        var notifier = Create();
        notifier.Raise(JobEventKind.JobTransferred);
        _delivery.Webhook = new DeliveryResult(false, "HTTP 500");

        Assert.True(await notifier.DeliverDueAsync(() => Task.CompletedTask, CancellationToken.None));

        var left = Assert.Single(_job.Outbox);
        Assert.Equal((NotificationChannel.Webhook, 1), (left.Channel, left.Attempts));
        Assert.True(left.NextAttemptAt > _clock.GetUtcNow());
        Assert.Equal(JobEventKind.JobTransferred, Assert.Single(_delivery.Commands).Event);
    }

    [Fact]
    public async Task DeliverDue_WhileTheOutcomeIsBeingWritten_NoSecondDeliveryStarts()
    {
        _job.Notifications = new NotificationSettings("/bin/true");
        var notifier = Create();
        notifier.Raise(JobEventKind.JobTransferred);
        var writing = new TaskCompletionSource();
        var written = new TaskCompletionSource();

        var first = notifier.DeliverDueAsync(
            async () =>
            {
                writing.SetResult();
                await written.Task;
            },
            CancellationToken.None);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(await notifier.DeliverDueAsync(() => Task.CompletedTask, CancellationToken.None));
        Assert.Null(notifier.NextDeliveryDue);
        written.SetResult();
        Assert.True(await first);
    }

    [Fact]
    public async Task WaitForEvent_AnswersAtOnce_WhenTheStateDiffers()
    {
        var jobEvent = await Create().WaitForEventAsync(JobState.Queued, false, 0, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal((JobEventKind.JobModification, JobState.Transferring), (jobEvent.Kind, jobEvent.State));
    }

    [Fact]
    public async Task WaitForEvent_WakesOnTheSignal_AfterAStateChange()
    {
        var notifier = Create();
        var waiting = notifier.WaitForEventAsync(JobState.Transferring, false, 0, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.False(waiting.IsCompleted);

        _job.State = JobState.Transferred;
        notifier.SignalChanged();

        var jobEvent = await waiting;
        Assert.Equal((JobEventKind.JobTransferred, JobState.Transferred), (jobEvent.Kind, jobEvent.State));
    }

    [Fact]
    public async Task WaitForEvent_AfterMaxWait_AnswersWithProgress()
    {
        var waiting = Create().WaitForEventAsync(JobState.Transferring, false, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(JobEventKind.Progress, (await waiting).Kind);
    }

    [Fact]
    public async Task WaitUntilSettled_AnswersAtOnce_WhenTheJobIsSettled()
    {
        _job.State = JobState.Error;
        var jobEvent = await Create().WaitUntilSettledAsync(TimeSpan.FromMinutes(1));
        Assert.Equal((JobEventKind.JobError, JobState.Error), (jobEvent.Kind, jobEvent.State));
    }

    [Fact]
    public async Task WaitUntilSettled_SleepsThroughStateChangesThatDoNotSettle_AndWakesOnTransferred()
    {
        var notifier = Create();
        var waiting = notifier.WaitUntilSettledAsync(TimeSpan.FromMinutes(1));

        _job.State = JobState.TransientError;
        notifier.SignalChanged();
        _job.State = JobState.Transferring;
        notifier.SignalChanged();
        Assert.False(waiting.IsCompleted);

        _job.State = JobState.Transferred;
        notifier.SignalChanged();

        var jobEvent = await waiting;
        Assert.Equal((JobEventKind.JobTransferred, JobState.Transferred), (jobEvent.Kind, jobEvent.State));
    }

    [Fact]
    public async Task WaitUntilSettled_AfterMaxWait_AnswersWithTheJobAsItStands()
    {
        var waiting = Create().WaitUntilSettledAsync(TimeSpan.FromSeconds(20));
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var jobEvent = await waiting;
        Assert.Equal((JobEventKind.Progress, JobState.Transferring), (jobEvent.Kind, jobEvent.State));
    }

    [Fact]
    public async Task WaitUntilSettled_WaitsForTheWriteOfTheStateThatSettledIt()
    {
        _job.State = JobState.Transferred;
        _written = new TaskCompletionSource();
        var waiting = Create().WaitUntilSettledAsync(TimeSpan.FromMinutes(1));
        Assert.False(waiting.IsCompleted);

        _written.SetResult();
        var jobEvent = await waiting;
        Assert.Equal((JobEventKind.JobTransferred, JobState.Transferred, true), (jobEvent.Kind, jobEvent.State, jobEvent.Settled));
    }

    [Fact]
    public async Task WaitForEvent_AnswersAStateChange_OnceItIsWritten()
    {
        _written = new TaskCompletionSource();
        var waiting = Create().WaitForEventAsync(JobState.Queued, false, 0, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.False(waiting.IsCompleted);

        _written.SetResult();
        Assert.Equal(JobState.Transferring, (await waiting).State);
    }

    private static TaskCompletionSource CompletedWrite()
    {
        var written = new TaskCompletionSource();
        written.SetResult();
        return written;
    }
}
