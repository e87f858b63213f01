using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

public sealed class TokenBucketTests
{
    [Fact]
    public void Take_MoreThanEarned_WaitsForTheDebtAtTheRate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(time, 1000);

        var ticket = bucket.Take(500);

        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.Wait(ticket));
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(300), bucket.Wait(ticket));
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.Zero, bucket.Wait(ticket));
    }

    [Fact]
    public void Take_TwoTakers_AreServedInOrder()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(time, 1000);

        var first = bucket.Take(100);
        var second = bucket.Take(100);

        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Wait(first));
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Wait(second));
    }

    [Fact]
    public void Refill_WhileIdle_CapsAtAHundredMilliseconds()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(time, 1000);

        time.Advance(TimeSpan.FromSeconds(10));
        var free = bucket.Take(100);
        var owed = bucket.Take(50);

        Assert.Equal(TimeSpan.Zero, bucket.Wait(free));
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Wait(owed));
    }

    [Fact]
    public void SetRate_InDebt_RepaysAtTheNewRate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(time, 1000);
        var ticket = bucket.Take(1000);

        bucket.SetRate(4000);

        Assert.Equal(TimeSpan.FromMilliseconds(250), bucket.Wait(ticket));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void Take_UnlimitedOrBlocked_NeverWaits(long? rate)
    {
        var bucket = new TokenBucket(new FakeTimeProvider(), rate);

        Assert.Equal(TimeSpan.Zero, bucket.Wait(bucket.Take(1 << 30)));
    }
}
