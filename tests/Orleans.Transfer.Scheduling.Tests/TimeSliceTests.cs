namespace Orleans.Transfer.Scheduling.Tests;

public sealed class TimeSliceTests : SchedulerTestBase
{
    [Fact]
    public async Task SliceEnd_ThreeEqualJobsOneSlot_TakeTurnsRoundRobin()
    {
        CreateScheduler(maxBackground: 1);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var names = new Dictionary<Guid, string> { [a] = "A", [b] = "B", [c] = "C" };
        var current = (Id: a, Lease: await Granted(Acquire(a, JobPriority.Normal)));
        var waiting = new Queue<(Guid Id, Task<ISchedulerLease> Acquire)>([(b, Acquire(b, JobPriority.Normal)), (c, Acquire(c, JobPriority.Normal))]);
        var order = new List<string> { "A" };

        for (var turn = 0; turn < 5; turn++)
        {
            Time.Advance(Slice - TimeSpan.FromSeconds(1));
            Assert.False(current.Lease.Revoked.IsCancellationRequested);
            Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(current.Lease.Revoked.IsCancellationRequested);

            // The job yields: it hands the lease back, then queues again behind the others.
            var next = waiting.Dequeue();
            AssertWaiting(next.Acquire);
            current.Lease.Dispose();
            waiting.Enqueue((current.Id, Acquire(current.Id, JobPriority.Normal)));
            current = (next.Id, await Granted(next.Acquire));
            order.Add(names[current.Id]);
        }

        Assert.Equal(["A", "B", "C", "A", "B", "C"], order);
    }

    [Fact]
    public async Task SliceEnd_NobodyWaiting_RenewsWithoutRevoking()
    {
        var lease = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));

        Time.Advance(Slice * 3 + TimeSpan.FromSeconds(5));

        Assert.False(lease.Revoked.IsCancellationRequested);
    }

    [Theory]
    [InlineData(JobPriority.Low, false)]
    [InlineData(JobPriority.Normal, true)]
    public async Task SliceEnd_WaiterArrivesMidSlice_RevokedAtTheNextSliceEndOnlyForEqualOrHigher(
        JobPriority waiting, bool revoked)
    {
        CreateScheduler(maxBackground: 1);
        var lease = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        Time.Advance(Slice + TimeSpan.FromSeconds(10));
        var waiter = Acquire(Guid.NewGuid(), waiting);

        Time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(lease.Revoked.IsCancellationRequested);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(revoked, lease.Revoked.IsCancellationRequested);
        AssertWaiting(waiter);
    }

    [Fact]
    public async Task SliceEnd_ForegroundJobWhileBackgroundJobsWait_NotRevoked()
    {
        CreateScheduler(maxBackground: 1);
        var foreground = await Granted(Acquire(Guid.NewGuid(), JobPriority.Foreground));
        await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        _ = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Time.Advance(Slice * 2);

        Assert.False(foreground.Revoked.IsCancellationRequested);
    }

    [Fact]
    public async Task SliceEnd_BothSlotsEndTogetherWithOneWaiter_RevokesOnlyOne()
    {
        var first = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var second = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var waiter = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Time.Advance(Slice);

        Assert.True(first.Revoked.IsCancellationRequested);
        Assert.False(second.Revoked.IsCancellationRequested);
        first.Dispose();
        await Granted(waiter);
    }
}
