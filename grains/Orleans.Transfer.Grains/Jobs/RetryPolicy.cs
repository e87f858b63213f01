using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// Job-level error handling as pure functions of (job, failure, now): B20–B23 (TransientError or Error), B39–B41
/// (MinimumRetryDelay doubling while no progress is made, never before Retry-After, NoProgressTimeout), B42a (the
/// error count; bandwidth windows are not errors), B19 (network loss waits uncounted) and B84 (so does a network cost
/// the job's policy does not allow).
/// </summary>
internal static class RetryPolicy
{
    // Doubling stops here, so a job that keeps failing still retries at least hourly (or every MinimumRetryDelay if longer).
    private static readonly TimeSpan s_maxBackOff = TimeSpan.FromHours(1);

    /// <summary>The longest a job waits for one retry, whatever its delay or the server asks: 30 days.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromDays(30);

    public static RetryDecision Decide(TransferJobState job, TransferFailure failure, int fileIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(failure);
        var error = new JobError(failure.Code, failure.Context, failure.Message, failure.HttpStatus, fileIndex);
        if (failure.Code == TransferErrorCode.BlockedByPolicy)
        {
            // No count, no back-off, no NoProgressTimeout: wait exactly until the window changes (or poll at
            // MinimumRetryDelay when no change is scheduled).
            return new RetryDecision(
                RetryOutcome.BlockedByPolicy,
                error,
                now + Bounded(failure.RetryAfter ?? job.MinimumRetryDelay),
                job.ErrorCount,
                job.ErrorsSinceProgress,
                job.FirstTransientErrorAt);
        }

        if (failure.Code is TransferErrorCode.NetworkDisconnected or TransferErrorCode.NetworkCostNotAllowed)
        {
            // Not an error of the job, and the NoProgressTimeout clock is left as it was.
            var outcome = failure.Code == TransferErrorCode.NetworkDisconnected ? RetryOutcome.WaitForNetwork : RetryOutcome.WaitForCost;
            return new RetryDecision(outcome, error, null, job.ErrorCount, job.ErrorsSinceProgress, job.FirstTransientErrorAt);
        }

        var errorCount = job.ErrorCount + 1;
        var errorsSinceProgress = job.ErrorsSinceProgress + 1;
        if (!failure.IsTransient)
        {
            return new RetryDecision(RetryOutcome.Error, error, job.NextRetryAt, errorCount, errorsSinceProgress, job.FirstTransientErrorAt);
        }

        var firstTransientErrorAt = job.FirstTransientErrorAt ?? now;
        var retryAt = now + Delay(job.MinimumRetryDelay, errorsSinceProgress, failure.RetryAfter);
        if (retryAt > SaturatingAdd(firstTransientErrorAt, job.NoProgressTimeout))
        {
            var timedOut = error with
            {
                Code = TransferErrorCode.NoProgressTimeout,
                Message = $"No progress within the job's NoProgressTimeout ({job.NoProgressTimeout}); the last error was: {failure.Message} Fix the cause and resume the job.",
            };
            return new RetryDecision(RetryOutcome.Error, timedOut, job.NextRetryAt, errorCount, errorsSinceProgress, firstTransientErrorAt);
        }

        return new RetryDecision(RetryOutcome.TransientError, error, retryAt, errorCount, errorsSinceProgress, firstTransientErrorAt);
    }

    /// <summary>
    /// MinimumRetryDelay doubled for each further error without progress, and never before Retry-After; never longer
    /// than <see cref="MaxRetryWait"/>, and never overflowing whatever an old row or a server holds.
    /// </summary>
    public static TimeSpan Delay(TimeSpan minimumRetryDelay, int errorsSinceProgress, TimeSpan? retryAfter)
    {
        var minimum = Bounded(minimumRetryDelay);
        var cap = minimum > s_maxBackOff ? minimum : s_maxBackOff;
        var doublings = Math.Clamp(errorsSinceProgress - 1, 0, 16);

        // Both at most MaxRetryWait (30 days) times 2^16: far inside TimeSpan's range.
        var backOff = minimum * (1L << doublings);
        var delay = backOff > cap ? cap : backOff;
        return retryAfter is { } serverDelay && serverDelay > delay ? Bounded(serverDelay) : delay;
    }

    /// <summary>Progress restarts the back-off and the NoProgressTimeout window, and counts as activity (B31).</summary>
    public static void NoteProgress(TransferJobState job, DateTimeOffset now)
    {
        job.FirstTransientErrorAt = null;
        job.ErrorsSinceProgress = 0;
        job.LastActivityAt = now;
    }

    /// <summary>A wait clamped to zero .. <see cref="MaxRetryWait"/>, so adding it to a time never overflows.</summary>
    private static TimeSpan Bounded(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryWait ? MaxRetryWait : wait;

    private static DateTimeOffset SaturatingAdd(DateTimeOffset time, TimeSpan span) =>
        span >= DateTimeOffset.MaxValue - time ? DateTimeOffset.MaxValue : time + span;

    /// <summary>A job waiting for the network has no retry time: it goes again once this silo sees the network.</summary>
    public static bool WaitsForNetwork(TransferJobState job) => job.Error?.Code == TransferErrorCode.NetworkDisconnected;

    /// <summary>
    /// B19: true for the errors a network outage explains: NetworkDisconnected, and connection failures with no answer
    /// from the server. Errors the server answered (such as 503 with Retry-After) keep their retry time.
    /// </summary>
    public static bool RetriesWhenNetworkReturns(TransferJobState job) =>
        job.State == JobState.TransientError
        && job.Error is { } error
        && error.Code != TransferErrorCode.NetworkCostNotAllowed
        && (error.Code == TransferErrorCode.NetworkDisconnected || (error.Context == ErrorContext.Transport && error.HttpStatus is null));
}
