using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>The job's error fields after a failure, as <see cref="RetryPolicy"/> decided them.</summary>
internal sealed record RetryDecision(
    RetryOutcome Outcome,
    JobError Error,
    DateTimeOffset? NextRetryAt,
    int ErrorCount,
    int ErrorsSinceProgress,
    DateTimeOffset? FirstTransientErrorAt)
{
    public void ApplyTo(TransferJobState job)
    {
        job.Error = Error;
        job.NextRetryAt = NextRetryAt;
        job.ErrorCount = ErrorCount;
        job.ErrorsSinceProgress = ErrorsSinceProgress;
        job.FirstTransientErrorAt = FirstTransientErrorAt;
    }
}
