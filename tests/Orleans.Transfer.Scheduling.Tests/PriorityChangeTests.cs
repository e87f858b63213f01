namespace Orleans.Transfer.Scheduling.Tests;

public sealed class PriorityChangeTests : SchedulerTestBase
{
    [Fact]
    public async Task ChangePriority_WaitingJobRaised_GrantedBeforeEarlierWaiters()
    {
        CreateScheduler(maxBackground: 1);
        var holder = await Granted(Acquire(Guid.NewGuid(), JobPriority.High));
        var normal = Acquire(Guid.NewGuid(), JobPriority.Normal);
        var lowId = Guid.NewGuid();
        var low = Acquire(lowId, JobPriority.Low);

        Scheduler.ChangePriority(lowId, JobPriority.High);

        Assert.False(holder.Revoked.IsCancellationRequested);
        holder.Dispose();
        await Granted(low);
        AssertWaiting(normal);
    }

    [Fact]
    public async Task ChangePriority_WaitingJobRaisedAboveRunning_PreemptsAtOnce()
    {
        CreateScheduler(maxBackground: 1);
        var running = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var waitingId = Guid.NewGuid();
        var waiting = Acquire(waitingId, JobPriority.Normal);

        Scheduler.ChangePriority(waitingId, JobPriority.High);

        Assert.True(running.Revoked.IsCancellationRequested);
        AssertWaiting(waiting);
    }

    [Fact]
    public async Task ChangePriority_WaitingJobToForeground_GrantedAtOnce()
    {
        CreateScheduler(maxBackground: 1);
        var running = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var waitingId = Guid.NewGuid();
        var waiting = Acquire(waitingId, JobPriority.Low);

        Scheduler.ChangePriority(waitingId, JobPriority.Foreground);

        await Granted(waiting);
        Assert.False(running.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task ChangePriority_RunningJobDropsBelowWaiter_RevokedAtOnce()
    {
        CreateScheduler(maxBackground: 1);
        var runningId = Guid.NewGuid();
        var running = await Granted(Acquire(runningId, JobPriority.Normal));
        var waiting = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Scheduler.ChangePriority(runningId, JobPriority.Low);

        Assert.True(running.Revoked.IsCancellationRequested);
        running.Dispose();
        await Granted(waiting);
    }

    [Fact]
    public async Task ChangePriority_RunningJobToForeground_FreesItsSlotWithoutRevoke()
    {
        CreateScheduler(maxBackground: 1);
        var runningId = Guid.NewGuid();
        var running = await Granted(Acquire(runningId, JobPriority.Normal));
        var waiting = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Scheduler.ChangePriority(runningId, JobPriority.Foreground);

        await Granted(waiting);
        Time.Advance(Slice * 2);
        Assert.False(running.Revoked.IsCancellationRequested);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public async Task ChangePriority_ForegroundJobToBackground_RevokedOnlyWhenSlotsAreFull(int maxBackground, bool revoked)
    {
        CreateScheduler(maxBackground);
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var jobId = Guid.NewGuid();
        var lease = await Granted(Acquire(jobId, JobPriority.Foreground));

        Scheduler.ChangePriority(jobId, JobPriority.High);

        Assert.Equal(revoked, lease.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task ChangePriority_ForegroundJobToBackground_StartsItsSlice()
    {
        var jobId = Guid.NewGuid();
        var lease = await Granted(Acquire(jobId, JobPriority.Foreground));
        Scheduler.ChangePriority(jobId, JobPriority.Normal);
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        _ = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Time.Advance(Slice);

        Assert.True(lease.Revoked.IsCancellationRequested);
    }

    [Fact]
    public void ChangePriority_UnknownJob_IsIgnored()
    {
        Scheduler.ChangePriority(Guid.NewGuid(), JobPriority.High);

        Assert.Empty(Scheduler.Snapshot());
    }
}
