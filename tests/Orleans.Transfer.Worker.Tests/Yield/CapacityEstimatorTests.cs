namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>C: the largest 1-second interface rate of the last 10 minutes.</summary>
public sealed class CapacityEstimatorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private DateTimeOffset _now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstWindow_GivesTheRateOfOneSecond()
    {
        var estimator = new CapacityEstimator();

        Feed(estimator, TimeSpan.FromSeconds(1) - Tick, 100_000);
        Assert.Equal(0, estimator.BytesPerSecond);

        Feed(estimator, Tick, 100_000);
        Assert.Equal(100_000, estimator.BytesPerSecond, 1);
    }

    [Fact]
    public void FasterWindow_RaisesTheCapacityAtOnce()
    {
        var estimator = new CapacityEstimator();
        Feed(estimator, TimeSpan.FromSeconds(1), 100_000);

        Feed(estimator, TimeSpan.FromSeconds(1), 400_000);

        Assert.Equal(400_000, estimator.BytesPerSecond, 1);
    }

    [Fact]
    public void SlowerLink_IsFollowedOnceTheOldMaximaExpire()
    {
        var estimator = new CapacityEstimator();
        Feed(estimator, TimeSpan.FromSeconds(1), 400_000);

        Feed(estimator, TimeSpan.FromMinutes(9), 50_000);
        Assert.Equal(400_000, estimator.BytesPerSecond, 1);

        Feed(estimator, TimeSpan.FromMinutes(1.5), 50_000);
        Assert.Equal(50_000, estimator.BytesPerSecond, 1);
    }

    private void Feed(CapacityEstimator estimator, TimeSpan duration, double bytesPerSecond)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Tick)
        {
            _now += Tick;
            estimator.Add(_now, Tick, (long)(bytesPerSecond * Tick.TotalSeconds));
        }
    }
}
