namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>R = max(R_floor, 0.93·(C − f)) while a foreground is present, halved when a raise hurt it.</summary>
public sealed class RateCapTests
{
    private const double Capacity = 6_250_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly RateCap _cap = new(Tick);
    private DateTimeOffset _now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6_250_000, 62_500)]
    [InlineData(100_000, 8_000)]
    [InlineData(0, 8_000)]
    public void Floor_IsOnePercentOfCapacityOr64Kbit(double capacity, double floor)
    {
        Assert.Equal(floor, RateCap.Floor(capacity));
    }

    [Fact]
    public void NoForeground_NoCap()
    {
        Step(present: false, foreground: 0);

        Assert.Null(_cap.BytesPerSecond);
    }

    [Fact]
    public void Foreground_LeavesTheHeadroomShare()
    {
        Step(present: true, foreground: 1_250_000);

        Assert.Equal(RateCap.HeadroomShare * 5_000_000, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void ForegroundOnset_HalvesTheBackgroundsOwnRate_UntilFIsMeasuredAfresh()
    {
        Step(present: true, foreground: 500_000, background: 5_000_000);
        Assert.Equal(2_500_000, _cap.BytesPerSecond!.Value, 3);

        Step(present: true, foreground: 500_000, background: 2_500_000);
        Assert.Equal(2_500_000, _cap.BytesPerSecond!.Value, 3);

        Step(present: true, foreground: 500_000, background: 2_500_000, advance: ForegroundDetector.SmoothingWindow + (2 * Tick));
        Assert.Equal(RateCap.HeadroomShare * 5_750_000, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void GreedyForeground_IsCappedAtTheFloor()
    {
        Step(present: true, foreground: Capacity);

        Assert.Equal(62_500, _cap.BytesPerSecond);
    }

    [Fact]
    public void ForegroundDropsAfterARaise_HalvesAndHoldsTheCap()
    {
        Step(present: true, foreground: 5_000_000);
        Step(present: true, foreground: 4_000_000);
        Assert.Equal(RateCap.HeadroomShare * 2_250_000, _cap.BytesPerSecond!.Value, 3);

        Step(present: true, foreground: 2_900_000);

        Assert.Equal(RateCap.HeadroomShare * 2_250_000 / 2, _cap.BytesPerSecond!.Value, 3);
        Step(present: true, foreground: 3_000_000);
        Assert.Equal(RateCap.HeadroomShare * 2_250_000 / 2, _cap.BytesPerSecond!.Value, 3);
        Step(present: true, foreground: 3_000_000, advance: ForegroundDetector.SmoothingWindow + (2 * Tick));
        Assert.Equal(RateCap.HeadroomShare * 3_250_000, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void SteadyForegroundAfterARaise_KeepsTheCap()
    {
        Step(present: true, foreground: 5_000_000);
        Step(present: true, foreground: 4_000_000);

        Step(present: true, foreground: 3_900_000);

        Assert.Equal(RateCap.HeadroomShare * 2_350_000, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void IdleLink_ProbesAboveTheHeadroom()
    {
        Step(present: true, foreground: 1_250_000, capacity: 2_000_000);

        Step(present: true, foreground: 1_250_000, capacity: 2_000_000, linkIdle: true);

        Assert.Equal(RateCap.HeadroomShare * 750_000 * RateCap.ProbeGrowth, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void IdleLink_UnusedCapDoesNotGrow()
    {
        Step(present: true, foreground: 1_250_000, capacity: 2_000_000);

        Step(present: true, foreground: 1_250_000, capacity: 2_000_000, linkIdle: true, background: 100_000);

        Assert.Equal(RateCap.HeadroomShare * 750_000, _cap.BytesPerSecond!.Value, 3);
    }

    [Fact]
    public void ForegroundEnds_CapIsLifted()
    {
        Step(present: true, foreground: Capacity);

        Step(present: false, foreground: 0);

        Assert.Null(_cap.BytesPerSecond);
    }

    private void Step(
        bool present,
        double foreground,
        double capacity = Capacity,
        bool? linkIdle = false,
        TimeSpan? advance = null,
        double background = double.MaxValue)
    {
        _now += advance ?? Tick;
        _cap.Update(_now, present, capacity, foreground, background, linkIdle);
    }
}
