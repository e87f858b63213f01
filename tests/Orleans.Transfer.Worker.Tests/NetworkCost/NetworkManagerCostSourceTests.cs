using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Testing.NetworkCost;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>Against a real private dbus-daemon with python3-dbusmock's NetworkManager (scripts/test-peers.sh installs them).</summary>
public sealed class NetworkManagerCostSourceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeLogger<NetworkManagerCostSource> _sourceLogger = new();
    private readonly FakeLogger<NetworkCostMonitor> _monitorLogger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<NetworkCost> _readings = [];
    private FakeNetworkManager? _bus;
    private Task? _run;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }
    }

    [Fact]
    public async Task Current_FollowsMeteredFlips()
    {
        _bus = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredNo);
        using var monitor = new NetworkCostMonitor(Source(_bus.BusAddress), _clock, _monitorLogger);
        await monitor.StartAsync(CancellationToken.None);
        Assert.Equal(NetworkManagerMetered.ToCost(FakeNetworkManager.MeteredNo), monitor.Current);
        var unmetered = monitor.ChangedToken;

        await _bus.SetMeteredAsync(FakeNetworkManager.MeteredYes);
        await Eventually.UntilAsync(() => unmetered.IsCancellationRequested, () => $"Metered=yes to be seen, cost {monitor.Current}");
        Assert.Equal(NetworkManagerMetered.ToCost(FakeNetworkManager.MeteredYes), monitor.Current);
        var metered = monitor.ChangedToken;

        // guess-yes is still metered: a new detail, the same period.
        await _bus.SetMeteredAsync(FakeNetworkManager.MeteredGuessYes);
        await Eventually.UntilAsync(() => monitor.Current.Detail == "Metered=guess-yes", () => $"Metered=guess-yes to be seen, cost {monitor.Current}");
        Assert.False(metered.IsCancellationRequested);

        await _bus.SetMeteredAsync(FakeNetworkManager.MeteredGuessNo);
        await Eventually.UntilAsync(() => metered.IsCancellationRequested, () => $"Metered=guess-no to be seen, cost {monitor.Current}");
        Assert.Equal(NetworkManagerMetered.ToCost(FakeNetworkManager.MeteredGuessNo), monitor.Current);
        Assert.Empty(_sourceLogger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task NetworkManagerAbsent_IsUnknownLoggedOnce()
    {
        _bus = await FakeNetworkManager.CreateAsync(withNetworkManager: false);
        using var monitor = new NetworkCostMonitor(Source(_bus.BusAddress), _clock, _monitorLogger);

        await monitor.FirstReading;

        Assert.Equal(NetworkCost.Unknown with { Detail = "NetworkManager is not on the D-Bus system bus" }, monitor.Current);
        var record = Assert.Single(_sourceLogger.Collector.GetSnapshot());
        Assert.Equal(TransferEventIds.NetworkCostUnknown, record.Id.Id);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(
            "Network cost unknown, counted as Unrestricted: NetworkManager is not on the D-Bus system bus. Set Transfer:Network:Cost to fix it",
            record.Message);

        // NetworkManager arriving later is followed.
        await _bus.StartNetworkManagerAsync(FakeNetworkManager.MeteredGuessYes);
        await Eventually.UntilAsync(() => monitor.Current.Source == "NetworkManager", () => $"the late NetworkManager to be read, cost {monitor.Current}");
        Assert.Equal(NetworkManagerMetered.ToCost(FakeNetworkManager.MeteredGuessYes), monitor.Current);
    }

    [Fact]
    public async Task NoBus_IsUnknownLoggedOnceAcrossRetries()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"xfer-no-bus-{Guid.NewGuid():N}");
        Start(Source($"unix:path={socket}"));
        await Eventually.UntilAsync(() => Readings().Count == 1, () => "the first reading");

        for (var attempt = 2; attempt <= 4; attempt++)
        {
            _clock.Advance(NetworkManagerCostSource.ReconnectInterval);
            await Eventually.UntilAsync(() => Readings().Count == attempt, () => $"reconnect attempt {attempt}, readings {Readings().Count}");
        }

        Assert.All(Readings(), r => Assert.Equal(NetworkCostStates.Unrestricted, r.State));
        Assert.All(Readings(), r => Assert.Equal("unknown", r.Source));
        Assert.StartsWith($"no D-Bus system bus at unix:path={socket} (", Readings()[0].Detail, StringComparison.Ordinal);
        var record = Assert.Single(_sourceLogger.Collector.GetSnapshot());
        Assert.Equal(TransferEventIds.NetworkCostUnknown, record.Id.Id);
        Assert.Equal(LogLevel.Information, record.Level);
    }

    [Fact]
    public async Task NetworkManagerRestart_KeepsTheLastReadingThenFollowsTheNewOne()
    {
        _bus = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredYes);
        using var monitor = new NetworkCostMonitor(Source(_bus.BusAddress), _clock, _monitorLogger);
        await monitor.StartAsync(CancellationToken.None);
        var metered = monitor.ChangedToken;

        await _bus.StopNetworkManagerAsync();
        await Eventually.UntilAsync(() => monitor.Current.Detail.Contains("kept while", StringComparison.Ordinal), () => $"NetworkManager's exit to be seen, cost {monitor.Current}");
        Assert.Equal(NetworkCostStates.CappedUsageUnknown, monitor.Current.State);
        Assert.Equal("Metered=yes; kept while NetworkManager is unreachable: NetworkManager is not on the D-Bus system bus", monitor.Current.Detail);
        Assert.False(metered.IsCancellationRequested);

        await _bus.StartNetworkManagerAsync(FakeNetworkManager.MeteredNo);
        await Eventually.UntilAsync(() => metered.IsCancellationRequested, () => $"the restarted NetworkManager to be read, cost {monitor.Current}");
        Assert.Equal(NetworkManagerMetered.ToCost(FakeNetworkManager.MeteredNo), monitor.Current);
        Assert.Equal([TransferEventIds.NetworkCostSourceAway], _sourceLogger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task NetworkManagerGone_IsUnknownOnceTheHoldEnds()
    {
        _bus = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredYes);
        using var monitor = new NetworkCostMonitor(Source(_bus.BusAddress), _clock, _monitorLogger);
        await monitor.StartAsync(CancellationToken.None);

        await _bus.StopNetworkManagerAsync();
        await Eventually.UntilAsync(() => monitor.Current.Detail.Contains("kept while", StringComparison.Ordinal), () => $"NetworkManager's exit to be seen, cost {monitor.Current}");

        // The hold's timer starts just after the kept reading is reported: step the clock until it has ended.
        await Eventually.UntilAsync(() => monitor.Current.Source == "unknown", () => $"the hold to end, cost {monitor.Current}", () => _clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(NetworkCost.Unknown with { Detail = "NetworkManager is not on the D-Bus system bus" }, monitor.Current);
        Assert.Equal(
            [TransferEventIds.NetworkCostSourceAway, TransferEventIds.NetworkCostUnknown],
            _sourceLogger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task BusLost_KeepsTheLastReadingThenIsUnknown()
    {
        _bus = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredGuessYes);
        using var monitor = new NetworkCostMonitor(Source(_bus.BusAddress), _clock, _monitorLogger);
        await monitor.StartAsync(CancellationToken.None);

        await _bus.DisposeAsync();
        _bus = null;
        await Eventually.UntilAsync(() => monitor.Current.Detail.Contains("kept while", StringComparison.Ordinal), () => $"the bus's loss to be seen, cost {monitor.Current}");
        Assert.Equal(NetworkCostStates.CappedUsageUnknown, monitor.Current.State);

        await Eventually.UntilAsync(() => monitor.Current.Source == "unknown", () => $"the hold to end, cost {monitor.Current}", () => _clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.StartsWith("no D-Bus system bus at ", monitor.Current.Detail, StringComparison.Ordinal);
    }

    private NetworkManagerCostSource Source(string address) => new(address, _clock, _sourceLogger);

    private void Start(NetworkManagerCostSource source) => _run = source.RunAsync(
        cost =>
        {
            lock (_readings)
            {
                _readings.Add(cost);
            }
        },
        _stop.Token);

    private List<NetworkCost> Readings()
    {
        lock (_readings)
        {
            return [.. _readings];
        }
    }
}
