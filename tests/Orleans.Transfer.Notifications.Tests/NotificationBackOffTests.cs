namespace Orleans.Transfer.Notifications.Tests;

public sealed class NotificationBackOffTests
{
    private static NotificationBackOff Create(int seed = 7) =>
        new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), new Random(seed));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(6, 160)]
    public void NextDelay_DoublesWithinTwentyPercent(int attempt, double seconds)
    {
        var backOff = Create();

        for (var i = 0; i < 50; i++)
        {
            var delay = backOff.NextDelay(attempt, retryAfter: null);
            Assert.InRange(delay.TotalSeconds, seconds * 0.8, seconds * 1.2);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void NextDelay_LateAttempts_CappedAtMaximum(int attempt)
    {
        var delay = Create().NextDelay(attempt, retryAfter: null);

        Assert.InRange(delay, TimeSpan.FromHours(0.8), TimeSpan.FromHours(1));
    }

    [Fact]
    public void NextDelay_SameSeed_SameSchedule()
    {
        var first = Create(42);
        var second = Create(42);

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(first.NextDelay(attempt, null), second.NextDelay(attempt, null));
        }
    }

    [Fact]
    public void NextDelay_RetryAfterLonger_WaitsForRetryAfter()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Create().NextDelay(1, TimeSpan.FromMinutes(2)));
        Assert.Equal(TimeSpan.FromHours(3), Create().NextDelay(30, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void NextDelay_RetryAfterShorter_KeepsBackOff()
    {
        Assert.InRange(Create().NextDelay(3, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(24));
    }

    [Fact]
    public void NextDelay_HugeRetryAfter_CappedAtOneDay()
    {
        Assert.Equal(NotificationBackOff.MaxRetryAfter, Create().NextDelay(1, TimeSpan.FromDays(365)));
    }

    [Fact]
    public void NextDelay_AttemptZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().NextDelay(0, null));
    }
}
