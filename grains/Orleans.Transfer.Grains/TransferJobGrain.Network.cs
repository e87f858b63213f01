namespace Orleans.Transfer.Grains;

/// <summary>
/// Network loss (B19, B21, B42a): a job whose next file needs the network waits in TransientError with
/// NetworkDisconnected, uncounted, with no retry time and no back-off, and is queued again when the network returns.
/// </summary>
internal sealed partial class TransferJobGrain
{
    private bool WaitsForNetwork => Job.Error?.Code == TransferErrorCode.NetworkDisconnected;

    /// <summary>
    /// True for the errors a network outage explains: NetworkDisconnected, and connection failures with no answer from
    /// the server. Errors the server answered (such as 503 with Retry-After) keep their retry time.
    /// </summary>
    private bool RetriesWhenNetworkReturns =>
        Job.State == JobState.TransientError
        && Job.Error is { } error
        && (error.Code == TransferErrorCode.NetworkDisconnected || (error.Context == ErrorContext.Transport && error.HttpStatus is null));

    /// <summary>B19: when the network returns, jobs in TransientError because of it are queued again at once.</summary>
    public async Task RetryAfterNetworkReturnAsync()
    {
        if (!RetriesWhenNetworkReturns)
        {
            return;
        }

        DisposeRetryTimer();
        Job.NextRetryAt = null;
        LogNetworkReturned(logger, JobId);
        await ChangeStateAsync(JobState.Queued);
        StartRunIfNeeded();
    }

    private async Task WaitForNetworkAsync(int index)
    {
        // Not an error of the job: no count, no back-off, and the NoProgressTimeout clock is left as it was.
        Job.NextRetryAt = null;
        LogWaitingForNetwork(logger, JobId, index);
        await ChangeStateAsync(JobState.TransientError);

        // The network may have returned while the state was written, before the job counted as waiting.
        if (network.IsAvailable)
        {
            ArmRetryTimer();
        }
    }
}
