namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>The LEDBAT++ window law on its own, fed made-up delays.</summary>
public sealed class WindowLawTests
{
    private const int Mss = 1448;
    private const double MaxWindow = 1_000_000;
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(1);

    private readonly WindowLaw _law = new(Target, Tick);
    private DateTimeOffset _now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1.0 / 10)]
    [InlineData(0, 1.0 / 16)]
    [InlineData(0.1, 1.0 / 16)]
    [InlineData(100, 1)]
    public void Gain_IsOneOverTheSmallerOf16AndTwoTargetsOverBase(double baseMilliseconds, double gain)
    {
        Assert.Equal(gain, WindowLaw.Gain(Target, TimeSpan.FromMilliseconds(baseMilliseconds)), 6);
    }

    [Fact]
    public void SlowStart_StartsAtTwoMssAndGrowsByTheBytesReceived()
    {
        Step(queueMs: 0, bytes: 0);
        Assert.Equal(2 * Mss, _law.Window);
        Assert.True(_law.InSlowStart);

        Step(queueMs: 0, bytes: 10_000);

        Assert.Equal((2 * Mss) + 10_000, _law.Window);
    }

    [Fact]
    public void SlowStart_EndsAboveThreeQuartersOfTheTarget()
    {
        Step(queueMs: 0, bytes: 50_000);

        Step(queueMs: 4, bytes: 50_000);

        Assert.False(_law.InSlowStart);
        Assert.Equal((2 * Mss) + 50_000, _law.Window);
        Assert.Equal(_now + (2 * Rtt(4)), _law.NextSlowdown);
    }

    [Fact]
    public void BelowTarget_GrowsByGainMssPerWindowReceived()
    {
        EnterCongestionAvoidance(40_000);

        Step(queueMs: 2, bytes: 40_000);

        Assert.Equal(40_000 + (Mss / 10.0), _law.Window, 6);
    }

    [Theory]
    [InlineData(6, 0.2)]
    [InlineData(10, 0.5)]
    [InlineData(40, 0.5)]
    public void AboveTarget_DecreasesByTheOvershootAtMostHalf(double queueMs, double cut)
    {
        EnterCongestionAvoidance(40_000);

        Step(queueMs, bytes: 40_000);

        Assert.Equal(40_000 * (1 - cut), _law.Window, 6);
    }

    [Fact]
    public void AboveTarget_DecreasesOncePerTickWhenTheRttIsShorter()
    {
        EnterCongestionAvoidance(40_000);
        Step(queueMs: 10, bytes: 0);

        Step(queueMs: 10, bytes: 0, advance: TimeSpan.FromMilliseconds(10));
        Assert.Equal(20_000, _law.Window, 6);

        Step(queueMs: 10, bytes: 0, advance: TimeSpan.FromMilliseconds(10));
        Assert.Equal(10_000, _law.Window, 6);
    }

    [Fact]
    public void FullQueue_DrivesTheWindowToTwoMss()
    {
        EnterCongestionAvoidance(40_000);

        for (var i = 0; i < 20; i++)
        {
            Step(queueMs: 45, bytes: 3_000);
        }

        Assert.Equal(2 * Mss, _law.Window);
    }

    [Fact]
    public void OutOfOrder_HalvesTheWindow()
    {
        EnterCongestionAvoidance(40_000);

        Step(queueMs: 1, bytes: 0, outOfOrder: 3);

        Assert.Equal(20_000, _law.Window, 6);
    }

    [Fact]
    public void OutOfOrder_EndsSlowStart()
    {
        Step(queueMs: 0, bytes: 40_000);

        Step(queueMs: 0, bytes: 40_000, outOfOrder: 1);

        Assert.False(_law.InSlowStart);
        Assert.Equal(((2 * Mss) + 40_000) / 2.0, _law.Window, 6);
    }

    [Fact]
    public void Window_StaysWithinTheMaximum()
    {
        Step(queueMs: 0, bytes: 0, maxWindow: 30_000);

        Step(queueMs: 0, bytes: 100_000, maxWindow: 30_000);

        Assert.Equal(30_000, _law.Window);
    }

    [Fact]
    public void Slowdown_HoldsTwoMssForTwoTicksThenSlowStartsBackAndIsSpacedNineTimesItsLength()
    {
        EnterCongestionAvoidance(40_000);
        var slowdownAt = _law.NextSlowdown!.Value;
        while (_now < slowdownAt)
        {
            Step(queueMs: 2, bytes: 0);
        }

        Assert.True(_law.InSlowdown);
        Assert.Equal(2 * Mss, _law.Window);
        var started = _now;
        Step(queueMs: 0, bytes: 40_000);
        Assert.True(_law.InSlowdown);
        Assert.Equal(2 * Mss, _law.Window);

        Step(queueMs: 0, bytes: 20_000);
        Assert.False(_law.InSlowdown);
        Assert.True(_law.InSlowStart);
        Step(queueMs: 0, bytes: 30_000);

        Assert.False(_law.InSlowStart);
        Assert.Equal(40_000, _law.Window, 6);
        Assert.Equal(_now + (9 * (_now - started)), _law.NextSlowdown);
    }

    [Fact]
    public void SlowStartTo_GrowsBackToTheGoalOnly()
    {
        EnterCongestionAvoidance(40_000);
        for (var i = 0; i < 20; i++)
        {
            Step(queueMs: 45, bytes: 3_000);
        }

        _law.SlowStartTo(40_000);
        Step(queueMs: 0, bytes: 30_000);
        Assert.True(_law.InSlowStart);
        Step(queueMs: 0, bytes: 30_000);

        Assert.False(_law.InSlowStart);
        Assert.Equal(40_000, _law.Window, 6);
    }

    private static TimeSpan Rtt(double queueMs) => BaseDelay + TimeSpan.FromMilliseconds(queueMs);

    /// <summary>Ends slow start at <paramref name="window"/> and goes through the first slowdown, 2 RTTs later.</summary>
    private void EnterCongestionAvoidance(double window)
    {
        Step(queueMs: 0, bytes: (long)window - (2 * Mss));
        Step(queueMs: 4, bytes: 0);
        Step(queueMs: 2, bytes: 0);
        Assert.True(_law.InSlowdown);
        Step(queueMs: 0, bytes: 0);
        Step(queueMs: 0, bytes: 0);
        Step(queueMs: 0, bytes: (long)window);
        Assert.False(_law.InSlowStart);
        Assert.Equal(window, _law.Window);
    }

    private void Step(double queueMs, long bytes, long outOfOrder = 0, double maxWindow = MaxWindow, TimeSpan? advance = null)
    {
        _now += advance ?? Tick;
        var queue = TimeSpan.FromMilliseconds(queueMs);
        _law.Update(_now, queue, BaseDelay, BaseDelay + queue, bytes, Mss, outOfOrder, maxWindow);
    }
}
