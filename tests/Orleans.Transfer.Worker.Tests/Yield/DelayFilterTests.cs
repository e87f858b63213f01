namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>The current delay (smallest of 100 ms) and the base delay (ten 1-minute buckets).</summary>
public sealed class DelayFilterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Current_IsTheSmallestSampleOfTheLast100Milliseconds()
    {
        var filter = new DelayFilter();

        filter.Add(Start, Ms(10));
        filter.Add(Start + Ms(40), Ms(8));
        filter.Add(Start + Ms(80), Ms(12));
        Assert.Equal(Ms(8), filter.Current);

        filter.Add(Start + Ms(160), Ms(20));
        Assert.Equal(Ms(12), filter.Current);
        Assert.Equal(Ms(8), filter.Base);
        Assert.Equal(Ms(4), filter.QueueDelay);
    }

    [Fact]
    public void Add_WithoutASample_KeepsTheNewestOne()
    {
        var filter = new DelayFilter();
        filter.Add(Start, Ms(10));

        filter.Add(Start + TimeSpan.FromSeconds(1), null);

        Assert.Equal(Ms(10), filter.Current);
        Assert.Equal(TimeSpan.Zero, filter.QueueDelay);
    }

    [Fact]
    public void NoSampleYet_EverythingIsUnknown()
    {
        var filter = new DelayFilter();

        filter.Add(Start, null);

        Assert.Null(filter.Current);
        Assert.Null(filter.Base);
        Assert.Null(filter.QueueDelay);
    }

    [Fact]
    public void Base_ExpiresAfterTenMinutes()
    {
        var filter = new DelayFilter();
        filter.Add(Start, Ms(5));
        for (var minute = 1; minute < 10; minute++)
        {
            filter.Add(Start + TimeSpan.FromMinutes(minute), Ms(20));
        }

        filter.Add(Start + TimeSpan.FromMinutes(10) - Ms(20), Ms(20));
        Assert.Equal(Ms(5), filter.Base);

        filter.Add(Start + TimeSpan.FromMinutes(10), Ms(20));
        Assert.Equal(Ms(20), filter.Base);
        Assert.Equal(TimeSpan.Zero, filter.QueueDelay);
    }
}
