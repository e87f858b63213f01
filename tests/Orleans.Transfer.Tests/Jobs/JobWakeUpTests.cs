using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The wake-up reminder is registered only for jobs that stay active past the delay, and removed only when registered.</summary>
public sealed class JobWakeUpTests
{
    private readonly TransferJobState _job = new() { Exists = true, State = JobState.Suspended };
    private readonly List<ManualTimer> _timers = [];
    private int _registers;
    private int _unregisters;

    private JobWakeUp Create() => new(
        () => _job,
        (callback, options) =>
        {
            var timer = new ManualTimer(callback, options.DueTime);
            _timers.Add(timer);
            return timer;
        },
        () =>
        {
            _registers++;
            return Task.CompletedTask;
        },
        () =>
        {
            _unregisters++;
            return Task.CompletedTask;
        });

    [Fact]
    public async Task AJobThatFinishesWithinTheDelay_NeverTouchesTheReminderTable()
    {
        var wakeUp = Create();
        _job.State = JobState.Queued;
        await wakeUp.UpdateAsync();
        _job.State = JobState.Transferring;
        await wakeUp.UpdateAsync();
        _job.State = JobState.Acknowledged;
        await wakeUp.UpdateAsync();

        var timer = Assert.Single(_timers);
        Assert.Equal(JobWakeUp.RegistrationDelay, timer.DueTime);
        Assert.True(timer.Disposed);
        Assert.Equal((0, 0), (_registers, _unregisters));
    }

    [Fact]
    public async Task AJobStillActiveAfterTheDelay_IsRegisteredOnce_AndUnregisteredWhenItEnds()
    {
        var wakeUp = Create();
        _job.State = JobState.Queued;
        await wakeUp.UpdateAsync();
        await _timers[0].FireAsync();
        await wakeUp.UpdateAsync();
        Assert.Equal(1, _registers);
        Assert.Single(_timers);

        _job.State = JobState.Acknowledged;
        await wakeUp.UpdateAsync();
        await wakeUp.UpdateAsync();
        Assert.Equal(1, _unregisters);
    }

    [Fact]
    public async Task AJobThatEndedBeforeTheTimerFired_IsNotRegistered()
    {
        var wakeUp = Create();
        _job.State = JobState.Queued;
        await wakeUp.UpdateAsync();
        _job.State = JobState.Suspended;
        await _timers[0].FireAsync();
        Assert.Equal(0, _registers);
    }

    [Fact]
    public async Task AnActiveJobLeavingMemory_IsRegisteredOnTheWayOut()
    {
        var wakeUp = Create();
        _job.State = JobState.TransientError;
        await wakeUp.UpdateAsync();
        await wakeUp.DeactivatingAsync();
        Assert.Equal(1, _registers);

        _job.State = JobState.Suspended;
        var idle = Create();
        await idle.DeactivatingAsync();
        Assert.Equal(1, _registers);
    }

    [Fact]
    public async Task AStaleReminderTicking_OnAJobThatNoLongerNeedsIt_IsRemoved()
    {
        var wakeUp = Create();
        wakeUp.Ticked();
        await wakeUp.UpdateAsync();
        Assert.Equal(1, _unregisters);
    }

    [Fact]
    public async Task AnActivationOfAnActiveJob_RemovesTheReminderAnEarlierOneMayHaveLeft_WhenTheJobEnds()
    {
        var wakeUp = Create();
        _job.State = JobState.Queued;
        await wakeUp.ActivatedAsync();
        _job.State = JobState.Acknowledged;
        await wakeUp.UpdateAsync();
        Assert.Equal(1, _unregisters);

        var idle = Create();
        await idle.ActivatedAsync();
        await idle.UpdateAsync();
        Assert.Equal(1, _unregisters);
    }

    [Fact]
    public async Task UndeliveredNotifications_KeepTheJobNeedingIt()
    {
        var wakeUp = Create();
        _job.Outbox.Add(new PendingNotification());
        await wakeUp.UpdateAsync();
        await _timers[0].FireAsync();
        Assert.Equal(1, _registers);
    }

    private sealed class ManualTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime) : IGrainTimer
    {
        public TimeSpan DueTime { get; } = dueTime;

        public bool Disposed { get; private set; }

        public Task FireAsync() => Disposed ? Task.CompletedTask : callback(CancellationToken.None);

        public void Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

        public void Dispose() => Disposed = true;
    }
}
