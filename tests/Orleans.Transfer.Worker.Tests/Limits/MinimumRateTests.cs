namespace Orleans.Transfer.Worker.Tests.Limits;

/// <summary>The minimum-rate window on its own: what it counts and when it trips.</summary>
public sealed class MinimumRateTests
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(2);

    [Fact]
    public void Record_AByteEveryTwoSeconds_TripsWhenTheWindowCloses()
    {
        var rate = new MinimumRate(256, s_window);

        for (var read = 1; read < 60; read++)
        {
            Assert.Null(rate.Record(1, TimeSpan.FromSeconds(2)));
        }

        Assert.Equal((60L, s_window), rate.Record(1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Record_FastEnoughOverTheWindow_NeverTrips()
    {
        var rate = new MinimumRate(256, s_window);

        for (var read = 0; read < 1000; read++)
        {
            Assert.Null(rate.Record(256, TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public void Record_SlowBurstThenFastInTheSameWindow_JudgesTheWholeWindow()
    {
        var rate = new MinimumRate(100, TimeSpan.FromSeconds(10));

        Assert.Null(rate.Record(0, TimeSpan.FromSeconds(9)));

        Assert.Null(rate.Record(1000, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Record_EachWindowJudgedOnItsOwn_AFastWindowDoesNotExcuseASlowOne()
    {
        var rate = new MinimumRate(100, TimeSpan.FromSeconds(10));
        Assert.Null(rate.Record(1_000_000, TimeSpan.FromSeconds(10)));

        Assert.NotNull(rate.Record(10, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Record_MinimumZero_IsOff()
    {
        var rate = new MinimumRate(0, TimeSpan.FromSeconds(1));

        Assert.Null(rate.Record(0, TimeSpan.FromDays(1)));
    }

    [Theory]
    [InlineData(256L, null, 256L)]
    [InlineData(256L, 100L, 100L)]
    [InlineData(256L, 1000L, 256L)]
    [InlineData(256L, 0L, 256L)]
    [InlineData(0L, 100L, 0L)]
    public void Required_AJobCapBelowTheMinimum_LowersIt(long minimum, long? jobCap, long expected) =>
        Assert.Equal(expected, MinimumRate.Required(minimum, jobCap));
}
