namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>The controller against the simulated bed: the shapes of goals G1–G5 with margins.</summary>
public sealed class YieldControllerTests
{
    private static readonly TimeSpan ThreeSeconds = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FifteenSeconds = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(200)]
    public void Alone_UsesTheLinkAndKeepsTheQueueNearTarget(double megabits)
    {
        var bench = new YieldBench(megabits);
        bench.Run(ThreeSeconds);

        var (_, background) = bench.Run(FifteenSeconds);

        Assert.True(background >= 0.8, $"G2: background alone used {background:P1} of the link");
        var queue = bench.MedianQueueDelay();
        Assert.True(queue <= TimeSpan.FromMilliseconds(10), $"G4: median queue {queue.TotalMilliseconds} ms");
        Assert.True(queue >= TimeSpan.FromMilliseconds(1), $"the queue should sit near T, was {queue.TotalMilliseconds} ms");
        Assert.All(bench.Decisions, decision => Assert.Null(decision.RateBytesPerSecond));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(200)]
    public void CubicForeground_WindowFallsToMinimumAndForegroundKeepsItsRate(double megabits)
    {
        var bench = new YieldBench(megabits);
        bench.Run(ThreeSeconds);
        bench.Link.Foreground = SimulatedForeground.Cubic;

        var (foreground, _) = bench.Run(FifteenSeconds);

        Assert.True(foreground >= 0.9, $"G1: cubic foreground kept {foreground:P1}");
        Assert.Equal(2 * SimulatedLink.Mss, bench.Decision.WindowBytes);
        Assert.True(bench.Decision.Yielding);
        Assert.True(bench.Decision.ForegroundPresent);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(200)]
    public void BbrForeground_RateCapConvergesToTheFloor(double megabits)
    {
        var bench = new YieldBench(megabits);
        bench.Run(ThreeSeconds);
        bench.Link.Foreground = SimulatedForeground.Bbr;

        var (foreground, _) = bench.Run(FifteenSeconds);
        var (settled, _) = bench.Run(TimeSpan.FromSeconds(5));

        Assert.True(foreground >= 0.9, $"G1: bbr foreground kept {foreground:P1}");
        Assert.True(settled >= 0.97, $"bbr foreground kept {settled:P1} once the cap settled");
        Assert.Equal((long)RateCap.Floor(bench.Decision.CapacityBytesPerSecond), bench.Decision.RateBytesPerSecond);
    }

    [Fact]
    public void AppLimitedForeground_BackgroundTakesWhatIsLeft()
    {
        var bench = new YieldBench(50);
        bench.Run(ThreeSeconds);
        bench.Link.AppLimitedBytesPerSecond = 0.2 * bench.Capacity;
        bench.Link.Foreground = SimulatedForeground.AppLimited;

        var (foreground, background) = bench.Run(FifteenSeconds);

        Assert.True(foreground >= 0.9 * 0.2, $"G3: the 20 % stream got {foreground:P1} of the link");
        Assert.True(foreground + background >= 0.9, $"G3: link {foreground + background:P1} busy");
        Assert.True(bench.Decision.ForegroundPresent);
        Assert.NotNull(bench.Decision.RateBytesPerSecond);
    }

    [Fact]
    public void AppLimitedForegroundBeforeTheBackground_CapacityIsLearntByProbing()
    {
        var bench = new YieldBench(50);
        bench.Link.AppLimitedBytesPerSecond = 0.2 * bench.Capacity;
        bench.Link.Foreground = SimulatedForeground.AppLimited;
        bench.Run(ThreeSeconds);

        var (foreground, background) = bench.Run(FifteenSeconds);

        Assert.True(foreground >= 0.9 * 0.2, $"G3: the 20 % stream got {foreground:P1} of the link");
        Assert.True(foreground + background >= 0.9, $"G3: link {foreground + background:P1} busy");
        Assert.InRange(bench.Decision.CapacityBytesPerSecond, 0.9 * bench.Capacity, 1.01 * bench.Capacity);
    }

    [Theory]
    [InlineData(SimulatedForeground.Cubic)]
    [InlineData(SimulatedForeground.Bbr)]
    public void ForegroundStops_BackgroundIsBackWithinFiveSeconds(SimulatedForeground kind)
    {
        var bench = new YieldBench(50);
        bench.Run(ThreeSeconds);
        bench.Link.Foreground = kind;
        bench.Run(TimeSpan.FromSeconds(5));
        bench.Link.Foreground = SimulatedForeground.None;

        bench.Run(TimeSpan.FromSeconds(4));
        var (_, fifthSecond) = bench.Run(TimeSpan.FromSeconds(1));
        var (_, after) = bench.Run(TimeSpan.FromSeconds(10));

        Assert.True(fifthSecond >= 0.8, $"G5: background used {fifthSecond:P1} in the fifth second");
        Assert.True(after >= 0.8, $"background used {after:P1} after the foreground");
        Assert.False(bench.Decision.ForegroundPresent);
        Assert.Null(bench.Decision.RateBytesPerSecond);
    }

    [Fact]
    public void NoDelaySignal_WindowIsTheMaximumAndTheRateCapStillYields()
    {
        var bench = new YieldBench(50);
        bench.Link.Signal = DelaySignal.None;
        bench.Run(ThreeSeconds);
        Assert.Equal(bench.Options.MaxWindowBytes, bench.Decision.WindowBytes);
        Assert.Null(bench.Decision.QueueDelay);
        Assert.Null(bench.Decision.RateBytesPerSecond);
        bench.Link.Foreground = SimulatedForeground.Bbr;

        bench.Run(FifteenSeconds);
        var (settled, _) = bench.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(bench.Options.MaxWindowBytes, bench.Decision.WindowBytes);
        Assert.True(bench.Decision.Yielding);
        Assert.Equal((long)RateCap.Floor(bench.Decision.CapacityBytesPerSecond), bench.Decision.RateBytesPerSecond);
        Assert.True(settled >= 0.97, $"bbr foreground kept {settled:P1} under the cap alone");
    }

    [Fact]
    public void Decision_ReportsBaseQueueCapacityAndForeground()
    {
        var bench = new YieldBench(50);
        bench.Run(ThreeSeconds);
        bench.Link.AppLimitedBytesPerSecond = 0.2 * bench.Capacity;
        bench.Link.Foreground = SimulatedForeground.AppLimited;

        bench.Run(TimeSpan.FromSeconds(2));

        Assert.Equal(YieldBench.BaseRtt.TotalMilliseconds, bench.Decision.BaseDelay!.Value.TotalMilliseconds, 0.01);
        Assert.NotNull(bench.Decision.QueueDelay);
        Assert.InRange(bench.Decision.CapacityBytesPerSecond, 0.95 * bench.Capacity, 1.01 * bench.Capacity);
        Assert.InRange(bench.Decision.ForegroundBytesPerSecond, 0.18 * bench.Capacity, 0.22 * bench.Capacity);
    }
}
