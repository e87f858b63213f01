namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>
/// f = interface − controlled on the interface, smoothed; present above max(2 % of C, 62 500 B/s, 10 % of the
/// controlled rate) plus the hold.
/// </summary>
public sealed class ForegroundDetectorTests
{
    private const double Capacity = 6_250_000;

    // Byte counts are whole bytes: the 1.046 factor leaves up to a byte a tick, 50 B/s at 20 ms.
    private const double Rounding = 100;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);

    private DateTimeOffset _now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Threshold_IsTwoPercentOfCapacityOrHalfAMegabit()
    {
        Assert.Equal(125_000, ForegroundDetector.Threshold(Capacity));
        Assert.Equal(62_500, ForegroundDetector.Threshold(1_250_000));
        Assert.Equal(62_500, ForegroundDetector.Threshold(0));
    }

    [Fact]
    public void OwnTraffic_IsNotForeground()
    {
        var detector = new ForegroundDetector(Hold);

        Feed(detector, TimeSpan.FromSeconds(1), foreground: 0, controlledPayload: 5_000_000);

        Assert.InRange(detector.BytesPerSecond, 0, Rounding);
        Assert.False(detector.Present);
    }

    [Fact]
    public void TrafficBelowTheThreshold_IsNotForeground()
    {
        var detector = new ForegroundDetector(Hold);

        Feed(detector, TimeSpan.FromSeconds(1), foreground: 100_000, controlledPayload: 3_000_000);

        Assert.InRange(detector.BytesPerSecond, 100_000 - Rounding, 100_000 + Rounding);
        Assert.False(detector.Present);
    }

    [Fact]
    public void Foreground_IsSeenWithinTheSmoothingWindowAndHeldAfterItStops()
    {
        var detector = new ForegroundDetector(Hold);

        Feed(detector, ForegroundDetector.SmoothingWindow, foreground: 1_000_000, controlledPayload: 1_000_000);
        Assert.True(detector.Present);
        Assert.InRange(detector.BytesPerSecond, 1_000_000 - Rounding, 1_000_000 + Rounding);

        Feed(detector, ForegroundDetector.SmoothingWindow, foreground: 0, controlledPayload: 1_000_000);
        Assert.InRange(detector.BytesPerSecond, 0, Rounding);
        Assert.True(detector.Present);

        Feed(detector, Hold - ForegroundDetector.SmoothingWindow, foreground: 0, controlledPayload: 1_000_000);
        Assert.True(detector.Present);
        Feed(detector, ForegroundDetector.SmoothingWindow, foreground: 0, controlledPayload: 1_000_000);
        Assert.False(detector.Present);
    }

    [Fact]
    public void ExcessThatScalesWithOwnRate_IsNotForeground()
    {
        var detector = new ForegroundDetector(Hold);

        // 8 % of our own 5 MB/s that the interface counts and TCP does not (pruned segments, driver headers).
        Feed(detector, TimeSpan.FromSeconds(1), foreground: 0.08 * 5_000_000 * ForegroundDetector.HeaderFactor, controlledPayload: 5_000_000);

        Assert.False(detector.Present);
    }

    [Fact]
    public void TrafficAboveTenPercentOfOwnRate_IsForeground()
    {
        var detector = new ForegroundDetector(Hold);

        Feed(detector, TimeSpan.FromSeconds(1), foreground: 500_000, controlledPayload: 2_000_000);

        Assert.True(detector.Present);
    }

    private void Feed(ForegroundDetector detector, TimeSpan duration, double foreground, double controlledPayload)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Tick)
        {
            _now += Tick;
            var controlled = (long)(controlledPayload * Tick.TotalSeconds);
            var interfaceBytes = (long)((foreground * Tick.TotalSeconds) + (controlled * ForegroundDetector.HeaderFactor));
            detector.Add(_now, Tick, interfaceBytes, controlled * ForegroundDetector.HeaderFactor, Capacity);
        }
    }
}
