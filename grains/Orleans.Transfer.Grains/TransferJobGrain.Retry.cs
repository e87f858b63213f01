using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// Job-level error handling (B20–B23, B39–B42a, B90): TransientError with a persisted retry time and a back-off that
/// starts afresh after progress, NoProgressTimeout, MaxDownloadTime, and the error count.
/// </summary>
internal sealed partial class TransferJobGrain
{
    // Doubling stops here, so a job that keeps failing still retries at least hourly (or every MinimumRetryDelay if longer).
    private static readonly TimeSpan s_maxBackOff = TimeSpan.FromHours(1);

    private IGrainTimer? _retryTimer;

    private void NoteProgress()
    {
        Job.FirstTransientErrorAt = null;
        Job.ErrorsSinceProgress = 0;
        Job.LastActivityAt = timeProvider.GetUtcNow();
    }

    private async Task FailAsync(TransferFailure failure, int index)
    {
        var now = timeProvider.GetUtcNow();
        Job.Error = new JobError(failure.Code, failure.Context, failure.Message, failure.HttpStatus, index);
        if (failure.Code == TransferErrorCode.BlockedByPolicy)
        {
            // B21, B42a: a bandwidth window is not an error of the job: no count, no back-off, no NoProgressTimeout;
            // it waits exactly until the window changes (or polls at MinimumRetryDelay when no change is scheduled).
            Job.NextRetryAt = now + (failure.RetryAfter ?? Job.MinimumRetryDelay);
            await ChangeStateAsync(JobState.TransientError);
            ArmRetryTimer();
            return;
        }

        if (failure.Code == TransferErrorCode.NetworkDisconnected)
        {
            await WaitForNetworkAsync(index);
            return;
        }

        Job.ErrorCount++;
        Job.ErrorsSinceProgress++;
        if (!failure.IsTransient)
        {
            LogJobFailed(logger, JobId, index, failure.Code, failure.Message);
            await ChangeStateAsync(JobState.Error);
            return;
        }

        Job.FirstTransientErrorAt ??= now;
        var retryAt = now + RetryDelay(failure.RetryAfter);
        var giveUpAt = Job.FirstTransientErrorAt.Value + Job.NoProgressTimeout;
        if (retryAt > giveUpAt)
        {
            Job.Error = new JobError(
                TransferErrorCode.NoProgressTimeout,
                failure.Context,
                $"No progress within the job's NoProgressTimeout ({Job.NoProgressTimeout}); the last error was: {failure.Message} Fix the cause and resume the job.",
                failure.HttpStatus,
                index);
            LogJobFailed(logger, JobId, index, TransferErrorCode.NoProgressTimeout, failure.Message);
            await ChangeStateAsync(JobState.Error);
            return;
        }

        Job.NextRetryAt = retryAt;
        LogTransientError(logger, JobId, index, failure.Code, failure.Message, retryAt);
        await ChangeStateAsync(JobState.TransientError);
        ArmRetryTimer();
    }

    /// <summary>MinimumRetryDelay doubled for each further error without progress, and never before Retry-After.</summary>
    private TimeSpan RetryDelay(TimeSpan? retryAfter)
    {
        var cap = Job.MinimumRetryDelay > s_maxBackOff ? Job.MinimumRetryDelay : s_maxBackOff;
        var doublings = Math.Min(Job.ErrorsSinceProgress - 1, 16);
        var backOff = Job.MinimumRetryDelay * Math.Pow(2, doublings);
        var delay = backOff > cap ? cap : backOff;
        return retryAfter is { } serverDelay && serverDelay > delay ? serverDelay : delay;
    }

    private void TrackDownloadTime(JobState from, JobState to)
    {
        var wasDownloading = from is JobState.Connecting or JobState.Transferring;
        var isDownloading = to is JobState.Connecting or JobState.Transferring;
        var now = timeProvider.GetUtcNow();
        if (wasDownloading && !isDownloading && Job.DownloadingSince is { } since)
        {
            Job.DownloadTimeUsed += now - since;
            Job.DownloadingSince = null;
        }
        else if (isDownloading && Job.DownloadingSince is null)
        {
            Job.DownloadingSince = now;
        }
    }

    private bool MaxDownloadTimeExceeded() =>
        Job.DownloadingSince is { } since && Job.DownloadTimeUsed + (timeProvider.GetUtcNow() - since) > Job.MaxDownloadTime;

    private TransferFailure MaxDownloadTimeFailure() =>
        new(
            TransferErrorCode.MaxDownloadTimeExceeded,
            ErrorContext.QueueManager,
            $"The job spent more than its MaxDownloadTime ({Job.MaxDownloadTime}) connecting and transferring; raise it with 'xfer job set' or check the server, then resume.",
            HttpStatus: null,
            IsTransient: false);

    private void ArmRetryTimer()
    {
        DisposeRetryTimer();
        var due = (Job.NextRetryAt ?? timeProvider.GetUtcNow()) - timeProvider.GetUtcNow();
        _retryTimer = this.RegisterGrainTimer(
            RetryDueAsync,
            new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Period = Timeout.InfiniteTimeSpan,
                KeepAlive = true,
            });
    }

    private async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        DisposeRetryTimer();
        if (Job.State != JobState.TransientError)
        {
            return;
        }

        Job.NextRetryAt = null;
        await ChangeStateAsync(JobState.Queued);
        StartRunIfNeeded();
    }

    private void DisposeRetryTimer()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
    }
}
