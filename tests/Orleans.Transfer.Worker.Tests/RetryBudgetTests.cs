namespace Orleans.Transfer.Worker.Tests;

public sealed class RetryBudgetTests
{
    private static readonly TimeSpan s_base = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void FailuresWithoutProgress_ExhaustTheBudgetAfterRetryCount()
    {
        var budget = new RetryBudget(retryCount: 3, s_base);
        budget.Reset(1_000);

        Assert.True(budget.TryCountFailure(1_000));
        Assert.True(budget.TryCountFailure(1_000 + RetryBudget.MinProgressBytes - 1));
        Assert.True(budget.TryCountFailure(1_000 + RetryBudget.MinProgressBytes));
        Assert.False(budget.TryCountFailure(1_000 + RetryBudget.MinProgressBytes));
        Assert.Equal(4, budget.FailuresWithoutProgress);
    }

    [Fact]
    public void Progress_BetweenFailures_StartsTheCountAgain()
    {
        var budget = new RetryBudget(retryCount: 1, s_base);
        budget.Reset(0);
        long position = 0;

        for (var i = 0; i < 50; i++)
        {
            position += RetryBudget.MinProgressBytes;
            Assert.True(budget.TryCountFailure(position));
        }

        Assert.Equal(1, budget.FailuresWithoutProgress);
    }

    [Fact]
    public void Reset_AfterARestartFromZero_CountsProgressFromZero()
    {
        var budget = new RetryBudget(retryCount: 1, s_base);
        budget.Reset(10 * RetryBudget.MinProgressBytes);
        Assert.True(budget.TryCountFailure(10 * RetryBudget.MinProgressBytes));

        budget.Reset(0);

        Assert.True(budget.TryCountFailure(RetryBudget.MinProgressBytes));
    }

    [Fact]
    public void ZeroRetries_GivesUpAtTheFirstFailure() =>
        Assert.False(new RetryBudget(retryCount: 0, s_base).TryCountFailure(0));

    [Theory]
    [InlineData(1, 1.0, 200)]
    [InlineData(2, 1.0, 400)]
    [InlineData(3, 0.5, 400)]
    [InlineData(4, 1.5, 2_400)]
    [InlineData(20, 1.0, 204_800)]
    public void Backoff_DoublesPerFailureUpToTenDoublings(int failures, double jitter, int expectedMs)
    {
        var budget = new RetryBudget(retryCount: 30, s_base);
        for (var i = 0; i < failures; i++)
        {
            budget.TryCountFailure(0);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), budget.Backoff(jitter));
    }
}
