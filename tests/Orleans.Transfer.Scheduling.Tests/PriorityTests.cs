namespace Orleans.Transfer.Scheduling.Tests;

public sealed class PriorityTests : SchedulerTestBase
{
    [Theory]
    [InlineData("Low,Normal,High", "High,Normal,Low")]
    [InlineData("High,Low,Normal", "High,Normal,Low")]
    [InlineData("Normal,High,Normal,Low,High", "High,High,Normal,Normal,Low")]
    public async Task AcquireAsync_WaitersOfMixedPriority_GrantedHighestFirst(string arrivals, string expectedGrants)
    {
        CreateScheduler(maxBackground: 1);

        // A High holder pre-empts nobody and is pre-empted by nobody, so only the queue order is tested.
        var holder = await Granted(Acquire(Guid.NewGuid(), JobPriority.High));
        var waiters = arrivals.Split(',').Select(p => (Priority: Enum.Parse<JobPriority>(p), Acquire: Acquire(Guid.NewGuid(), Enum.Parse<JobPriority>(p)))).ToList();
        Assert.False(holder.Revoked.IsCancellationRequested);

        var grants = new List<(JobPriority, Task<ISchedulerLease>)>();
        var current = holder;
        for (var i = 0; i < waiters.Count; i++)
        {
            current.Dispose();
            var granted = Assert.Single(waiters, w => w.Acquire.IsCompletedSuccessfully && grants.TrueForAll(g => g.Item2 != w.Acquire));
            grants.Add((granted.Priority, granted.Acquire));
            current = await Granted(granted.Acquire);
        }

        Assert.Equal(expectedGrants.Split(',').Select(Enum.Parse<JobPriority>), grants.Select(g => g.Item1));
    }

    [Fact]
    public async Task AcquireAsync_EqualPriorityWaiters_GrantedFirstInFirstOut()
    {
        CreateScheduler(maxBackground: 1);
        var current = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var waiters = Enumerable.Range(0, 4).Select(_ => Acquire(Guid.NewGuid(), JobPriority.Normal)).ToList();

        foreach (var waiter in waiters)
        {
            current.Dispose();
            current = await Granted(waiter);
            Assert.All(waiters.SkipWhile(w => w != waiter).Skip(1), AssertWaiting);
        }
    }

    [Theory]
    [InlineData(JobPriority.Low, JobPriority.Normal, true)]
    [InlineData(JobPriority.Low, JobPriority.High, true)]
    [InlineData(JobPriority.Normal, JobPriority.High, true)]
    [InlineData(JobPriority.Normal, JobPriority.Normal, false)]
    [InlineData(JobPriority.High, JobPriority.Low, false)]
    public async Task AcquireAsync_WaiterAgainstRunningJob_PreemptsOnlyStrictlyLower(
        JobPriority running, JobPriority waiting, bool preempts)
    {
        CreateScheduler(maxBackground: 1);
        var lease = await Granted(Acquire(Guid.NewGuid(), running));

        var waiter = Acquire(Guid.NewGuid(), waiting);

        Assert.Equal(preempts, lease.Revoked.IsCancellationRequested);
        AssertWaiting(waiter);
        lease.Dispose();
        await Granted(waiter);
    }

    [Fact]
    public async Task AcquireAsync_Preempting_RevokesLowestPriorityLatestStarted()
    {
        CreateScheduler(maxBackground: 3);
        var normal = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var earlierLow = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));
        var laterLow = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));

        var high = Acquire(Guid.NewGuid(), JobPriority.High);

        Assert.True(laterLow.Revoked.IsCancellationRequested);
        Assert.False(earlierLow.Revoked.IsCancellationRequested);
        Assert.False(normal.Revoked.IsCancellationRequested);
        AssertWaiting(high);
        laterLow.Dispose();
        await Granted(high);
    }

    [Fact]
    public async Task AcquireAsync_TwoHighWaiters_PreemptOneLowEach()
    {
        var first = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));
        var second = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));

        var highs = new[] { Acquire(Guid.NewGuid(), JobPriority.High), Acquire(Guid.NewGuid(), JobPriority.High) };

        Assert.True(first.Revoked.IsCancellationRequested);
        Assert.True(second.Revoked.IsCancellationRequested);
        first.Dispose();
        await Granted(highs[0]);
        AssertWaiting(highs[1]);
        second.Dispose();
        await Granted(highs[1]);
    }

    [Fact]
    public async Task AcquireAsync_PreemptionPending_DoesNotRevokeAgainForTheSameWaiter()
    {
        var low = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));
        var normal = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        var high = Acquire(Guid.NewGuid(), JobPriority.High);
        Assert.True(low.Revoked.IsCancellationRequested);

        var laterNormal = Acquire(Guid.NewGuid(), JobPriority.Normal);

        Assert.False(normal.Revoked.IsCancellationRequested);
        low.Dispose();
        await Granted(high);
        AssertWaiting(laterNormal);
    }

    [Fact]
    public async Task AcquireAsync_Preempting_RunsRevokedCallbacksOffTheCallersThread()
    {
        CreateScheduler(maxBackground: 1);
        var lease = await Granted(Acquire(Guid.NewGuid(), JobPriority.Low));
        var callerContext = new AsyncLocal<bool>();
        var ranInCallerContext = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Without a captured context, the callback sees the caller's AsyncLocal only if it runs inline in the caller.
        lease.Revoked.UnsafeRegister(_ => ranInCallerContext.TrySetResult(callerContext.Value), null);
        callerContext.Value = true;
        _ = Acquire(Guid.NewGuid(), JobPriority.High);
        callerContext.Value = false;

        Assert.False(await ranInCallerContext.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
