namespace Orleans.Transfer.Scheduling.Tests;

public sealed class ConcurrencyTests : SchedulerTestBase
{
    [Fact]
    public async Task AcquireAsync_TenForegroundJobsWithOneBackgroundSlot_AllGrantedAtOnce()
    {
        CreateScheduler(maxBackground: 1, maxForeground: 10);
        var background = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));

        var foreground = Enumerable.Range(0, 10).Select(_ => Acquire(Guid.NewGuid(), JobPriority.Foreground)).ToList();

        foreach (var acquire in foreground)
        {
            Assert.False((await Granted(acquire)).Revoked.IsCancellationRequested);
        }

        Assert.False(background.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task AcquireAsync_ForegroundJobsRunning_DoNotTakeBackgroundSlots()
    {
        CreateScheduler(maxBackground: 1);
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));

        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AcquireAsync_MoreBackgroundJobsThanSlots_GrantsOnlyTheLimit(int maxBackground)
    {
        CreateScheduler(maxBackground);
        var acquires = Enumerable.Range(0, maxBackground + 2).Select(_ => Acquire(Guid.NewGuid(), JobPriority.Normal)).ToList();

        Assert.Equal(maxBackground, acquires.Count(a => a.IsCompletedSuccessfully));
        Assert.All(acquires.Skip(maxBackground), AssertWaiting);

        (await Granted(acquires[0])).Dispose();

        await Granted(acquires[maxBackground]);
        AssertWaiting(acquires[maxBackground + 1]);
    }

    [Fact]
    public async Task Dispose_CalledTwice_FreesOnlyOneSlot()
    {
        CreateScheduler(maxBackground: 1);
        var first = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var second = Acquire(Guid.NewGuid(), JobPriority.Normal);
        var third = Acquire(Guid.NewGuid(), JobPriority.Normal);

        first.Dispose();
        first.Dispose();

        await Granted(second);
        AssertWaiting(third);
    }

    [Fact]
    public async Task AcquireAsync_SameJobWhileLeaseLive_Throws()
    {
        var jobId = Guid.NewGuid();
        var lease = await Granted(Acquire(jobId, JobPriority.Normal));

        var error = Assert.Throws<InvalidOperationException>(() => { _ = Acquire(jobId, JobPriority.Normal); });

        Assert.Contains(jobId.ToString(), error.Message, StringComparison.Ordinal);
        lease.Dispose();
        await Granted(Acquire(jobId, JobPriority.Normal));
    }

    [Fact]
    public async Task AcquireAsync_SameJobWhileWaiting_Throws()
    {
        CreateScheduler(maxBackground: 1);
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var jobId = Guid.NewGuid();
        var waiting = Acquire(jobId, JobPriority.Normal);

        Assert.Throws<InvalidOperationException>(() => { _ = Acquire(jobId, JobPriority.High); });
        AssertWaiting(waiting);
    }

    [Fact]
    public async Task Snapshot_RunningYieldingAndWaiting_ReportsEach()
    {
        CreateScheduler(maxBackground: 1);
        var low = Guid.NewGuid();
        var high = Guid.NewGuid();
        var foreground = Guid.NewGuid();
        await Granted(Acquire(low, JobPriority.Low));
        await Granted(Acquire(foreground, JobPriority.Foreground));
        Time.Advance(TimeSpan.FromSeconds(5));
        AssertWaiting(Acquire(high, JobPriority.High));

        var snapshot = Scheduler.Snapshot();

        Assert.Equal(
        [
            new ScheduledJob(low, JobPriority.Low, ScheduledJobState.Yielding, Time.Start),
            new ScheduledJob(foreground, JobPriority.Foreground, ScheduledJobState.Running, Time.Start),
            new ScheduledJob(high, JobPriority.High, ScheduledJobState.Waiting, Time.Start + TimeSpan.FromSeconds(5)),
        ], snapshot);
    }

    [Fact]
    public void Dispose_Scheduler_FailsWaitingRequests()
    {
        CreateScheduler(maxBackground: 1);
        _ = Acquire(Guid.NewGuid(), JobPriority.Normal);
        var waiting = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Scheduler.Dispose();

        Assert.IsType<ObjectDisposedException>(waiting.Exception?.InnerException);
        Assert.Throws<ObjectDisposedException>(() => { _ = Acquire(Guid.NewGuid(), JobPriority.Normal); });
    }
}
