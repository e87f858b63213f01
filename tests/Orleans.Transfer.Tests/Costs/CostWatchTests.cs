using Orleans.Transfer.Grains.Costs;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>The watch a transfer runs under: it stops on a cost or a policy its policy does not allow, and only then.</summary>
public sealed class CostWatchTests
{
    // Only stops a broken test: the watch reacts on the thread pool, at once.
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private readonly FakeNetworkCostMonitor _monitor = new();

    [Fact]
    public async Task CostTheMaskDoesNotAllow_StopsTheWatch_NamingTheCost()
    {
        using var watch = new CostWatch(_monitor, TransferPolicy.Unrestricted);
        Assert.False(watch.Stopped.IsCancellationRequested);

        _monitor.Set(NetworkCostStates.OvercapThrottled);
        _monitor.Set(NetworkCostStates.CappedUsageUnknown, "NetworkManager", "Metered=yes");

        await StoppedAsync(watch);
        Assert.Equal(NetworkCostStates.CappedUsageUnknown, watch.StoppedBy!.State);
        Assert.Equal("Metered=yes", watch.StoppedBy.Detail);
    }

    [Fact]
    public void CostNotAllowedAtTheStart_StopsAtOnce()
    {
        _monitor.Set(NetworkCostStates.Roaming);
        using var watch = new CostWatch(_monitor, TransferPolicy.NotRoaming);
        Assert.True(watch.Stopped.IsCancellationRequested);
    }

    [Fact]
    public async Task PolicyChange_StopsTheWatch_WhenItNoLongerAllowsTheCost()
    {
        _monitor.Set(NetworkCostStates.UsageBased);
        using var watch = new CostWatch(_monitor, TransferPolicy.Always);
        watch.Change(TransferPolicy.Standard);
        Assert.False(watch.Stopped.IsCancellationRequested);

        watch.Change(TransferPolicy.Unrestricted);
        await StoppedAsync(watch);
        Assert.Equal(NetworkCostStates.UsageBased, watch.StoppedBy!.State);
    }

    [Fact]
    public async Task AllowedChanges_KeepTheWatchRunning_AcrossManyPeriods()
    {
        using var watch = new CostWatch(_monitor, TransferPolicy.Standard);
        foreach (var state in new[] { NetworkCostStates.BelowCap, NetworkCostStates.OvercapThrottled, NetworkCostStates.Unrestricted, NetworkCostStates.UsageBased })
        {
            _monitor.Set(state);
        }

        // The last allowed change has been looked at once a later refusal is seen: the watch followed every period.
        _monitor.Set(NetworkCostStates.NearCap);
        await StoppedAsync(watch);
        Assert.Equal(NetworkCostStates.NearCap, watch.StoppedBy!.State);
    }

    [Fact]
    public void DisposedWatch_IgnoresLaterChanges()
    {
        var watch = new CostWatch(_monitor, TransferPolicy.Unrestricted);
        watch.Dispose();
        _monitor.Set(NetworkCostStates.Roaming);
        Assert.Null(watch.StoppedBy);
    }

    private static async Task StoppedAsync(CostWatch watch)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = watch.Stopped.Register(() => stopped.TrySetResult());
        await stopped.Task.WaitAsync(s_bound);
    }
}
