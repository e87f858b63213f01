namespace Orleans.Transfer.Scheduling.Tests;

public sealed class ForegroundLimitTests : SchedulerTestBase
{
    [Fact]
    public async Task AcquireAsync_MoreForegroundJobsThanTheLimit_QueueInArrivalOrder()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 2);
        var acquires = Enumerable.Range(0, 4).Select(_ => Acquire(Guid.NewGuid(), JobPriority.Foreground)).ToList();

        var first = await Granted(acquires[0]);
        await Granted(acquires[1]);
        AssertWaiting(acquires[2]);
        AssertWaiting(acquires[3]);

        first.Dispose();

        await Granted(acquires[2]);
        AssertWaiting(acquires[3]);
    }

    [Fact]
    public async Task AcquireAsync_DefaultOptions_CapForegroundAtEight()
    {
        Assert.Equal(8, new TransferSchedulerOptions().MaxConcurrentForegroundJobs);
        var acquires = Enumerable.Range(0, 12).Select(_ => Acquire(Guid.NewGuid(), JobPriority.Foreground)).ToList();

        foreach (var acquire in acquires.Take(8))
        {
            await Granted(acquire);
        }

        Assert.All(acquires.Skip(8), AssertWaiting);
    }

    [Fact]
    public async Task AcquireAsync_ForegroundSlotsFull_BackgroundJobsStillGrantedAndNotPreempted()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 1);
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));
        var background = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));

        var waiting = Acquire(Guid.NewGuid(), JobPriority.Foreground);

        AssertWaiting(waiting);
        Assert.False(background.Revoked.IsCancellationRequested);
        Time.Advance(Slice * 2);
        Assert.False(background.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task SliceEnd_ForegroundJobWaits_RunningForegroundYieldsAfterItsSlice()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 1);
        var firstId = Guid.NewGuid();
        var first = await Granted(Acquire(firstId, JobPriority.Foreground));
        var second = Acquire(Guid.NewGuid(), JobPriority.Foreground);

        Time.Advance(Slice - TimeSpan.FromSeconds(1));
        Assert.False(first.Revoked.IsCancellationRequested);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(first.Revoked.IsCancellationRequested);

        // The revoked lease keeps the slot until handed back; then the waiter runs and the first job queues behind it.
        AssertWaiting(second);
        first.Dispose();
        await Granted(second);
        AssertWaiting(Acquire(firstId, JobPriority.Foreground));
    }

    [Fact]
    public async Task SliceEnd_ForegroundJobsUnderTheLimit_NeverRevoked()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 2);
        var foreground = await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));

        Time.Advance(Slice * 3);

        Assert.False(foreground.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task ChangePriority_RunningJobToForegroundWhileForegroundSlotsFull_RevokedAndQueuesAsForeground()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 1);
        var foreground = await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));
        var jobId = Guid.NewGuid();
        var lease = await Granted(Acquire(jobId, JobPriority.Normal));

        Scheduler.ChangePriority(jobId, JobPriority.Foreground);

        Assert.True(lease.Revoked.IsCancellationRequested);
        lease.Dispose();
        var again = Acquire(jobId, JobPriority.Foreground);
        AssertWaiting(again);
        foreground.Dispose();
        await Granted(again);
    }

    [Fact]
    public async Task ChangePriority_WaitingJobToForegroundWhileForegroundSlotsFull_KeepsWaiting()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 1);
        var foreground = await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var jobId = Guid.NewGuid();
        var waiting = Acquire(jobId, JobPriority.Normal);

        Scheduler.ChangePriority(jobId, JobPriority.Foreground);

        AssertWaiting(waiting);
        foreground.Dispose();
        await Granted(waiting);
    }
}
