using Orleans.Transfer.Worker.Threading;

namespace Orleans.Transfer.Worker.Tests.Threading;

/// <summary>The dedicated threads' work queue: in order, a sleeping taker woken by work, drained after Close.</summary>
public sealed class DedicatedThreadQueueTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryTake_GivesTheWorkInTheOrderItWasAdded()
    {
        var queue = new DedicatedThreadQueue<int>();
        Assert.True(queue.TryAdd(1));
        Assert.True(queue.TryAdd(2));
        Assert.Equal(2, queue.Count);

        Assert.True(queue.TryTake(out var first));
        Assert.True(queue.TryTake(out var second));

        Assert.Equal((1, 2), (first, second));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task TryTake_OnAnEmptyQueue_WaitsUntilWorkIsAdded()
    {
        var queue = new DedicatedThreadQueue<string>();
        using var waiting = new ManualResetEventSlim();
        var taken = Task.Factory.StartNew(
            () =>
            {
                waiting.Set();
                return queue.TryTake(out var work) ? work : null;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(waiting.Wait(s_timeout));

        Assert.True(queue.TryAdd("work"));

        Assert.Equal("work", await taken.WaitAsync(s_timeout));
    }

    [Fact]
    public async Task Close_RefusesNewWork_LetsTheQueuedWorkBeTaken_AndWakesEveryWaitingTaker()
    {
        var queue = new DedicatedThreadQueue<int>();
        var takers = Enumerable.Range(0, 3)
            .Select(_ => Task.Factory.StartNew(() => queue.TryTake(out _), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();

        queue.Close();

        var outcomes = await Task.WhenAll(takers).WaitAsync(s_timeout);
        Assert.All(outcomes, Assert.False);
        Assert.False(queue.TryAdd(1));

        var drained = new DedicatedThreadQueue<int>();
        Assert.True(drained.TryAdd(7));
        drained.Close();
        Assert.True(drained.TryTake(out var left));
        Assert.Equal(7, left);
        Assert.False(drained.TryTake(out _));
    }
}
