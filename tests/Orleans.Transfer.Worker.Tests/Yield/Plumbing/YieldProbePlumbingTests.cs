using System.Net;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldProbePlumbingTests
{
    private static readonly IPAddress s_server = IPAddress.Parse("192.0.2.20");

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLaw _law = new();
    private readonly FakeDelayProbe _probe = new();
    private readonly FakeLogger _logger = new();
    private readonly YieldLink _link;

    public YieldProbePlumbingTests()
    {
        _link = new YieldLink("eth0", () => 0, _law.Update, _probe, new YieldOptions(), _time, _logger);
    }

    [Fact]
    public void Tick_ServerWithoutTimestamps_UsesIcmpEveryProbeInterval()
    {
        var connection = _link.Register(new FakeYieldSocket(s_server, FakeYieldSocket.WithoutTimestamps()));
        _link.Tick(CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(20));
        _link.Tick(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(80));
        _link.Tick(CancellationToken.None);

        Assert.Equal([s_server, s_server], _probe.Probed);
        Assert.Null(_law.Samples[0].Delay);
        Assert.Equal(DelaySignal.Icmp, _law.Samples[0].Signal);
        Assert.Equal(TimeSpan.FromMilliseconds(30), _law.Samples[1].Delay);
        Assert.Equal(DelaySignal.Icmp, _law.Samples[1].Signal);
        Assert.Equal(DelaySignal.Icmp, connection.Signal);
        var fallback = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == TransferEventIds.YieldNoTimestamps);
        Assert.Contains("192.0.2.20 sends no TCP timestamps; using ICMP echo", fallback.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tick_IcmpNeverAnswered_SignalsNoneAfterFiveLostAndSaysSoOnce()
    {
        _probe.Rtt = null;
        var connection = _link.Register(new FakeYieldSocket(s_server, FakeYieldSocket.WithoutTimestamps()));

        for (var i = 0; i < 40; i++)
        {
            _link.Tick(CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(8, _probe.Probed.Count);
        Assert.Equal(DelaySignal.Icmp, _law.Samples[0].Signal);
        Assert.Equal(DelaySignal.None, _law.Samples[^1].Signal);
        Assert.All(_law.Samples, s => Assert.Null(s.Delay));
        Assert.Equal(DelaySignal.None, connection.Signal);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == TransferEventIds.YieldNoDelaySignal);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == TransferEventIds.YieldNoTimestamps);
    }

    [Fact]
    public void Tick_IcmpLostAfterAnswers_IsAQueueOfTheInterval_UntilFiveInARow()
    {
        var connection = _link.Register(new FakeYieldSocket(s_server, FakeYieldSocket.WithoutTimestamps()));
        _link.Tick(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _link.Tick(CancellationToken.None);
        _probe.Rtt = null;

        var signals = new List<DelaySignal>();
        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            _link.Tick(CancellationToken.None);
            signals.Add(connection.Signal);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), _law.Samples[2].Delay);
        Assert.Equal(DelaySignal.Icmp, _law.Samples[2].Signal);
        Assert.Equal([DelaySignal.Icmp, DelaySignal.Icmp, DelaySignal.Icmp, DelaySignal.Icmp, DelaySignal.None, DelaySignal.None], signals);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Id.Id == TransferEventIds.YieldNoDelaySignal);
    }

    [Fact]
    public void Tick_NoTcpInfo_ProbesWithoutCallingItAFallback()
    {
        _link.Register(new FakeYieldSocket(s_server, info: null, setsWindow: false));

        _link.Tick(CancellationToken.None);

        Assert.Equal([s_server], _probe.Probed);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Id.Id == TransferEventIds.YieldNoTimestamps);
    }

    [Fact]
    public void Tick_ServerWithTimestamps_IsNeverProbed()
    {
        _link.Register(new FakeYieldSocket(s_server, FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40))));

        for (var i = 0; i < 10; i++)
        {
            _link.Tick(CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Empty(_probe.Probed);
    }
}
