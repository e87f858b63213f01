using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The retry policy's decision table (B19–B23, B39–B42a, B90), without a cluster.</summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_minimum = TimeSpan.FromSeconds(60);

    private static TransferJobState Job(int errorCount = 0, int errorsSinceProgress = 0, DateTimeOffset? firstTransient = null, TimeSpan? noProgressTimeout = null) => new()
    {
        State = JobState.Transferring,
        ErrorCount = errorCount,
        ErrorsSinceProgress = errorsSinceProgress,
        FirstTransientErrorAt = firstTransient,
        MinimumRetryDelay = s_minimum,
        NoProgressTimeout = noProgressTimeout ?? TimeSpan.FromDays(14),
    };

    private static TransferFailure Failure(TransferErrorCode code, bool transient, TimeSpan? retryAfter = null, int? status = null, ErrorContext context = ErrorContext.RemoteFile) =>
        new(code, context, "it failed.", status, transient, retryAfter);

    [Fact]
    public void BlockedByPolicy_WaitsForTheWindow_UncountedAndWithoutBackOff()
    {
        var decision = RetryPolicy.Decide(Job(errorCount: 3, errorsSinceProgress: 2), Failure(TransferErrorCode.BlockedByPolicy, true, TimeSpan.FromMinutes(7)), 1, s_now);
        Assert.Equal(RetryOutcome.BlockedByPolicy, decision.Outcome);
        Assert.Equal(s_now + TimeSpan.FromMinutes(7), decision.NextRetryAt);
        Assert.Equal((3, 2), (decision.ErrorCount, decision.ErrorsSinceProgress));
        Assert.Null(decision.FirstTransientErrorAt);
    }

    [Fact]
    public void NetworkCostNotAllowed_WaitsForTheCost_UncountedWithoutRetryTime()
    {
        var job = Job(errorCount: 3, errorsSinceProgress: 2, firstTransient: s_now - TimeSpan.FromHours(1));
        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.NetworkCostNotAllowed, true, context: ErrorContext.Transport), 1, s_now);
        Assert.Equal(RetryOutcome.WaitForCost, decision.Outcome);
        Assert.Null(decision.NextRetryAt);
        Assert.Equal((3, 2), (decision.ErrorCount, decision.ErrorsSinceProgress));
        Assert.Equal(s_now - TimeSpan.FromHours(1), decision.FirstTransientErrorAt);

        // Waiting for the cost is not waiting for the network: the network's return leaves it waiting.
        decision.ApplyTo(job);
        job.State = JobState.TransientError;
        Assert.False(RetryPolicy.RetriesWhenNetworkReturns(job));
        Assert.False(RetryPolicy.WaitsForNetwork(job));
    }

    [Fact]
    public void BlockedByPolicy_NoScheduledChange_PollsAtMinimumRetryDelay() =>
        Assert.Equal(s_now + s_minimum, RetryPolicy.Decide(Job(), Failure(TransferErrorCode.BlockedByPolicy, true), 0, s_now).NextRetryAt);

    [Fact]
    public void NetworkDisconnected_WaitsWithoutRetryTime_Uncounted()
    {
        var first = s_now.AddMinutes(-5);
        var decision = RetryPolicy.Decide(Job(errorCount: 1, errorsSinceProgress: 1, firstTransient: first), Failure(TransferErrorCode.NetworkDisconnected, true, context: ErrorContext.Transport), 2, s_now);
        Assert.Equal(RetryOutcome.WaitForNetwork, decision.Outcome);
        Assert.Null(decision.NextRetryAt);
        Assert.Equal((1, 1, first), (decision.ErrorCount, decision.ErrorsSinceProgress, decision.FirstTransientErrorAt));
        Assert.Equal(2, decision.Error.FileIndex);
    }

    [Fact]
    public void Fatal_GoesToError_AndCounts()
    {
        var decision = RetryPolicy.Decide(Job(errorCount: 4), Failure(TransferErrorCode.HttpStatus, false, status: 404), 0, s_now);
        Assert.Equal(RetryOutcome.Error, decision.Outcome);
        Assert.Equal(5, decision.ErrorCount);
        Assert.Equal(404, decision.Error.HttpStatus);
    }

    [Theory]
    [InlineData(0, null, 60)]
    [InlineData(1, null, 120)]
    [InlineData(2, null, 240)]
    [InlineData(10, null, 3600)]
    [InlineData(0, 300, 300)]
    [InlineData(2, 30, 240)]
    public void Transient_BacksOffWhileNoProgress_NeverBeforeRetryAfter(int errorsSinceProgress, int? retryAfterSeconds, int expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var decision = RetryPolicy.Decide(Job(errorsSinceProgress: errorsSinceProgress), Failure(TransferErrorCode.HttpStatus, true, retryAfter, 503), 0, s_now);
        Assert.Equal(RetryOutcome.TransientError, decision.Outcome);
        Assert.Equal(s_now + TimeSpan.FromSeconds(expectedSeconds), decision.NextRetryAt);
        Assert.Equal(errorsSinceProgress + 1, decision.ErrorsSinceProgress);
        Assert.Equal(s_now, decision.FirstTransientErrorAt);
    }

    [Fact]
    public void Transient_RetryPastNoProgressTimeout_IsErrorNoProgressTimeout_KeepingTheCause()
    {
        var job = Job(errorsSinceProgress: 1, firstTransient: s_now.AddSeconds(-60), noProgressTimeout: TimeSpan.FromSeconds(100));
        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.HttpStatus, true, status: 503), 0, s_now);
        Assert.Equal(RetryOutcome.Error, decision.Outcome);
        Assert.Equal(TransferErrorCode.NoProgressTimeout, decision.Error.Code);
        Assert.Equal(503, decision.Error.HttpStatus);
        Assert.Contains("it failed.", decision.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transient_NoProgressTimeoutZero_IsAlwaysError() =>
        Assert.Equal(RetryOutcome.Error, RetryPolicy.Decide(Job(noProgressTimeout: TimeSpan.Zero), Failure(TransferErrorCode.HttpStatus, true), 0, s_now).Outcome);

    [Fact]
    public void Transient_HugeMinimumRetryDelayFromAnOldRow_SaturatesInsteadOfThrowing()
    {
        // Rows written before the upper limit was validated may hold any delay; doubling it overflowed TimeSpan.
        var job = Job(errorsSinceProgress: 3, noProgressTimeout: TimeSpan.MaxValue);
        job.MinimumRetryDelay = TimeSpan.MaxValue / 2;

        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.HttpStatus, true, status: 503), 0, s_now);

        Assert.Equal(RetryOutcome.TransientError, decision.Outcome);
        Assert.Equal(s_now + RetryPolicy.MaxRetryWait, decision.NextRetryAt);
    }

    [Fact]
    public void Transient_HugeNoProgressTimeout_SaturatesInsteadOfThrowing()
    {
        var job = Job(errorsSinceProgress: 1, firstTransient: s_now.AddMinutes(-5), noProgressTimeout: TimeSpan.MaxValue);

        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.HttpStatus, true, status: 503), 0, s_now);

        Assert.Equal(RetryOutcome.TransientError, decision.Outcome);
        Assert.Equal(s_now + (s_minimum * 2), decision.NextRetryAt);
    }

    [Fact]
    public void Transient_HugeRetryAfter_WaitsAtMostTheLongestRetryWait()
    {
        var job = Job(noProgressTimeout: TimeSpan.MaxValue);

        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.HttpStatus, true, TimeSpan.MaxValue, 503), 0, s_now);

        Assert.Equal(RetryOutcome.TransientError, decision.Outcome);
        Assert.Equal(s_now + RetryPolicy.MaxRetryWait, decision.NextRetryAt);
    }

    [Fact]
    public void BlockedByPolicy_HugeMinimumRetryDelay_SaturatesInsteadOfThrowing()
    {
        var job = Job();
        job.MinimumRetryDelay = TimeSpan.MaxValue;

        var decision = RetryPolicy.Decide(job, Failure(TransferErrorCode.BlockedByPolicy, true), 0, s_now);

        Assert.Equal(s_now + RetryPolicy.MaxRetryWait, decision.NextRetryAt);
    }

    [Fact]
    public void Delay_HugeMinimumRetryDelay_IsCappedAtTheLongestRetryWait() =>
        Assert.Equal(RetryPolicy.MaxRetryWait, RetryPolicy.Delay(TimeSpan.MaxValue, 17, TimeSpan.MaxValue));

    [Fact]
    public void ApplyTo_WritesEveryErrorField()
    {
        var job = Job();
        RetryPolicy.Decide(job, Failure(TransferErrorCode.HttpStatus, true), 3, s_now).ApplyTo(job);
        Assert.Equal((TransferErrorCode.HttpStatus, 3), (job.Error!.Code, job.Error.FileIndex));
        Assert.Equal((1, 1, s_now, s_now + s_minimum), (job.ErrorCount, job.ErrorsSinceProgress, job.FirstTransientErrorAt, job.NextRetryAt));
    }

    [Fact]
    public void NoteProgress_RestartsTheBackOffAndTheTimeoutWindow()
    {
        var job = Job(errorCount: 2, errorsSinceProgress: 2, firstTransient: s_now.AddHours(-1));
        RetryPolicy.NoteProgress(job, s_now);
        Assert.Equal((2, 0, null, s_now), (job.ErrorCount, job.ErrorsSinceProgress, job.FirstTransientErrorAt, job.LastActivityAt));
    }

    [Theory]
    [InlineData(TransferErrorCode.NetworkDisconnected, ErrorContext.Transport, null, true)]
    [InlineData(TransferErrorCode.ConnectionRefused, ErrorContext.Transport, null, true)]
    [InlineData(TransferErrorCode.HttpStatus, ErrorContext.Transport, 503, false)]
    [InlineData(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, null, false)]
    public void RetriesWhenNetworkReturns_OnlyForErrorsAnOutageExplains(TransferErrorCode code, ErrorContext context, int? status, bool expected)
    {
        var job = Job();
        job.State = JobState.TransientError;
        job.Error = new JobError(code, context, "x", status, 0);
        Assert.Equal(expected, RetryPolicy.RetriesWhenNetworkReturns(job));
        job.State = JobState.Error;
        Assert.False(RetryPolicy.RetriesWhenNetworkReturns(job));
    }

    [Fact]
    public void DownloadTimeBudget_CountsOnlyConnectingAndTransferring()
    {
        var job = Job();
        job.MaxDownloadTime = TimeSpan.FromMinutes(10);
        DownloadTimeBudget.Track(job, JobState.Queued, JobState.Connecting, s_now);
        DownloadTimeBudget.Track(job, JobState.Connecting, JobState.Transferring, s_now.AddMinutes(2));
        DownloadTimeBudget.Track(job, JobState.Transferring, JobState.TransientError, s_now.AddMinutes(6));
        Assert.Equal(TimeSpan.FromMinutes(6), job.DownloadTimeUsed);
        Assert.False(DownloadTimeBudget.Exceeded(job, s_now.AddHours(5)));

        DownloadTimeBudget.Track(job, JobState.Queued, JobState.Connecting, s_now.AddHours(1));
        Assert.False(DownloadTimeBudget.Exceeded(job, s_now.AddHours(1).AddMinutes(4)));
        Assert.True(DownloadTimeBudget.Exceeded(job, s_now.AddHours(1).AddMinutes(5)));
        Assert.Equal(TransferErrorCode.MaxDownloadTimeExceeded, DownloadTimeBudget.Failure(job).Code);
    }
}
