using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

public sealed class NetworkCostMonitorTests
{
    private static readonly NetworkCost s_metered = NetworkManagerMetered.ToCost(1);
    private static readonly NetworkCost s_guessMetered = NetworkManagerMetered.ToCost(3);
    private static readonly NetworkCost s_notMetered = NetworkManagerMetered.ToCost(2);
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeLogger<NetworkCostMonitor> _logger = new();

    [Fact]
    public void BeforeTheFirstReading_IsUnknown()
    {
        using var monitor = new NetworkCostMonitor(new FakeCostSource(), _clock, _logger);

        Assert.Same(NetworkCost.Unknown, monitor.Current);
        Assert.Equal(NetworkCostStates.Unrestricted, monitor.Current.State);
        Assert.False(monitor.FirstReading.IsCompleted);
    }

    [Fact]
    public async Task NewState_CancelsTheTokenOfThePeriodBefore()
    {
        var source = new FakeCostSource();
        using var monitor = new NetworkCostMonitor(source, _clock, _logger);
        var unknown = monitor.ChangedToken;

        await source.Report(s_metered);

        Assert.Equal(s_metered, monitor.Current);
        Assert.True(unknown.IsCancellationRequested);
        var metered = monitor.ChangedToken;
        Assert.False(metered.IsCancellationRequested);
        Assert.True(monitor.FirstReading.IsCompletedSuccessfully);

        await source.Report(s_notMetered);

        Assert.True(metered.IsCancellationRequested);
        Assert.False(monitor.ChangedToken.IsCancellationRequested);
        Assert.Equal(
            [TransferEventIds.NetworkCostRead, TransferEventIds.NetworkCostChanged],
            _logger.Collector.GetSnapshot().Select(r => r.Id.Id));
        Assert.Equal(
            "Network cost changed to Unrestricted from CappedUsageUnknown (NetworkManager: Metered=no); jobs whose policy no longer allows it wait",
            _logger.LatestRecord.Message);
    }

    [Fact]
    public async Task SameState_KeepsTheTokenAndTakesTheNewDetail()
    {
        var source = new FakeCostSource();
        using var monitor = new NetworkCostMonitor(source, _clock, _logger);
        await source.Report(s_metered);
        var token = monitor.ChangedToken;

        await source.Report(s_guessMetered);
        await source.Report(s_guessMetered);

        Assert.False(token.IsCancellationRequested);
        Assert.Equal(s_guessMetered, monitor.Current);
        Assert.Equal([TransferEventIds.NetworkCostRead], _logger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task FirstReadingUnrestricted_KeepsTheStartToken()
    {
        var source = new FakeCostSource();
        using var monitor = new NetworkCostMonitor(source, _clock, _logger);
        var token = monitor.ChangedToken;

        await source.Report(s_notMetered);

        Assert.False(token.IsCancellationRequested);
        Assert.True(monitor.FirstReading.IsCompletedSuccessfully);
        Assert.Equal("Network cost is Unrestricted (NetworkManager: Metered=no)", _logger.LatestRecord.Message);
    }

    [Fact]
    public async Task Start_WaitsForTheFirstReading()
    {
        var source = new FakeCostSource();
        using var monitor = new NetworkCostMonitor(source, _clock, _logger);
        var start = monitor.StartAsync(CancellationToken.None);
        Assert.False(start.IsCompleted);

        await source.Report(s_metered);

        await start;
        Assert.Equal(s_metered, monitor.Current);
    }

    [Fact]
    public async Task Start_GivesUpWaitingAfterTheTimeoutAndStaysUnknown()
    {
        using var monitor = new NetworkCostMonitor(new FakeCostSource(), _clock, _logger);
        var start = monitor.StartAsync(CancellationToken.None);

        _clock.Advance(NetworkCostMonitor.FirstReadingTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(start.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await start;
        Assert.Same(NetworkCost.Unknown, monitor.Current);
        var record = _logger.LatestRecord;
        Assert.Equal(TransferEventIds.NetworkCostUnknown, record.Id.Id);
        Assert.Equal(LogLevel.Information, record.Level);
    }

    [Fact]
    public async Task FailingSource_LeavesTheCostUnknownAndWarns()
    {
        using var monitor = new NetworkCostMonitor(new FakeCostSource { Failure = new InvalidOperationException("boom") }, _clock, _logger);

        await monitor.FirstReading;

        Assert.Equal(NetworkCost.Unknown with { Detail = "the cost source failed: boom" }, monitor.Current);
        var record = _logger.Collector.GetSnapshot()[0];
        Assert.Equal(TransferEventIds.NetworkCostSourceFailed, record.Id.Id);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("boom", record.Exception?.Message);
    }

    [Fact]
    public async Task Stop_EndsTheSource()
    {
        var source = new FakeCostSource();
        var monitor = new NetworkCostMonitor(source, _clock, _logger);
        await source.Report(s_metered);

        await monitor.StopAsync(CancellationToken.None);

        monitor.Dispose();
        Assert.Equal(s_metered, monitor.Current);
    }
}
