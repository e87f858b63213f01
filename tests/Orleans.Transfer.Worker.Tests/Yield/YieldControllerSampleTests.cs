using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>The controller fed hand-made samples: the edges the simulated link does not reach.</summary>
public sealed class YieldControllerSampleTests
{
    private const int Mss = 1448;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly YieldController _controller = new(new YieldOptions());

    [Fact]
    public void DelaySignalWithoutASampleYet_StartsAtTwoMss()
    {
        var decision = Update(null, DelaySignal.Icmp, 0, 0);

        Assert.Equal(2 * Mss, decision.WindowBytes);
        Assert.Null(decision.BaseDelay);
        Assert.Null(decision.QueueDelay);
        Assert.False(decision.Yielding);
    }

    [Fact]
    public void NoDelaySignal_WindowIsTheConfiguredMaximum()
    {
        var decision = Update(null, DelaySignal.None, 0, 0);

        Assert.Equal(new YieldOptions().MaxWindowBytes, decision.WindowBytes);
        Assert.Null(decision.RateBytesPerSecond);
    }

    [Fact]
    public void OutOfOrderPackets_HalveTheWindow()
    {
        var before = Update(OneMs, DelaySignal.TcpTimestamps, 0, 0);
        for (var i = 0; i < 3; i++)
        {
            before = Update(OneMs, DelaySignal.TcpTimestamps, 50_000, 47_000);
        }

        var after = Update(OneMs, DelaySignal.TcpTimestamps, 0, 0, outOfOrder: 2);

        Assert.Equal(before.WindowBytes / 2, after.WindowBytes);
    }

    [Fact]
    public void QueueBetweenOneAndTwoTargets_IsOurOwn_NotYielding()
    {
        Update(OneMs, DelaySignal.TcpTimestamps, 0, 0);
        _time.Advance(DelayFilter.CurrentWindow);

        var decision = Update(TimeSpan.FromMilliseconds(8), DelaySignal.TcpTimestamps, 0, 0);

        Assert.Equal(TimeSpan.FromMilliseconds(7), decision.QueueDelay);
        Assert.False(decision.Yielding);
    }

    [Fact]
    public void QueueAboveTwoTargets_IsYielding()
    {
        Update(OneMs, DelaySignal.TcpTimestamps, 0, 0);
        _time.Advance(DelayFilter.CurrentWindow);

        var decision = Update(TimeSpan.FromMilliseconds(12), DelaySignal.TcpTimestamps, 0, 0);

        Assert.Equal(OneMs, decision.BaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(11), decision.QueueDelay);
        Assert.True(decision.Yielding);
        Assert.False(decision.ForegroundPresent);
    }

    [Fact]
    public void BaseDelay_IsMeasuredAgainAfterTenMinutes()
    {
        Update(OneMs, DelaySignal.TcpTimestamps, 0, 0);
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(OneMs, Update(TimeSpan.FromMilliseconds(30), DelaySignal.TcpTimestamps, 0, 0).BaseDelay);

        _time.Advance(TimeSpan.FromMinutes(1));
        var decision = Update(TimeSpan.FromMilliseconds(30), DelaySignal.TcpTimestamps, 0, 0);

        Assert.Equal(TimeSpan.FromMilliseconds(30), decision.BaseDelay);
        Assert.Equal(TimeSpan.Zero, decision.QueueDelay);
    }

    [Fact]
    public void GreedyForegroundOnASlowLink_IsCappedAtTheAbsoluteFloor()
    {
        // 100 kB/s: 1 % of C is below 64 kbit/s, so the floor is 8 000 B/s.
        YieldDecision decision = null!;
        for (var i = 0; i < 100; i++)
        {
            decision = Update(OneMs, DelaySignal.TcpTimestamps, 2_000, 0);
        }

        Assert.True(decision.ForegroundPresent);
        Assert.Equal(100_000, decision.CapacityBytesPerSecond, 1);
        Assert.Equal(8_000, decision.RateBytesPerSecond);
    }

    private YieldDecision Update(TimeSpan? delay, DelaySignal signal, long interfaceBytes, long controlledBytes, long outOfOrder = 0)
    {
        _time.Advance(Tick);
        return _controller.Update(new YieldSample(_time.GetUtcNow(), delay, signal, interfaceBytes, controlledBytes, 1, Mss, outOfOrder));
    }
}
