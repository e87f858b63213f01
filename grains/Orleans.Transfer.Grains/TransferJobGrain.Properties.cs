using Orleans.Transfer.Grains.Validation;

namespace Orleans.Transfer.Grains;

/// <summary>Changing a job's properties (B09): validated first, applied together, live transfers told at once.</summary>
internal sealed partial class TransferJobGrain
{
    public async Task<JobInfo> SetPropertiesAsync(JobPropertiesUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        EnsureExists();
        JobStateMachine.EnsureNotFinal(Job.State, "change");
        if (update.DisplayName is not null)
        {
            JobInputValidator.ValidateDisplayName(update.DisplayName);
        }

        JobInputValidator.ValidateDescription(update.Description);
        if (update.Priority is { } priority)
        {
            JobInputValidator.ValidatePriority(priority);
        }

        if (update.MinimumRetryDelay is { } delay)
        {
            JobInputValidator.ValidateMinimumRetryDelay(delay);
        }

        if (update.NoProgressTimeout is { } timeout)
        {
            JobInputValidator.ValidateNoProgressTimeout(timeout);
        }

        if (update.MaxDownloadTime is { } maxDownloadTime)
        {
            JobInputValidator.ValidateMaxDownloadTime(maxDownloadTime);
        }

        if (update.MaxBytesPerSecond is < 0)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                "maxBytesPerSecond is negative; give a rate in bytes per second, or 0 to remove the cap.",
                "maxBytesPerSecond");
        }

        Job.DisplayName = update.DisplayName ?? Job.DisplayName;
        Job.Description = update.Description ?? Job.Description;
        if (update.Priority is { } newPriority && newPriority != Job.Priority)
        {
            Job.Priority = newPriority;
            scheduler.ChangePriority(JobId, newPriority);
        }

        if (update.MaxBytesPerSecond is { } rate)
        {
            Job.MaxBytesPerSecond = rate == 0 ? null : rate;
        }

        worker.UpdateJob(JobId, Job.Priority, Job.MaxBytesPerSecond);
        RaiseEvent(JobEventKind.JobModification);

        Job.MinimumRetryDelay = update.MinimumRetryDelay ?? Job.MinimumRetryDelay;
        Job.NoProgressTimeout = update.NoProgressTimeout ?? Job.NoProgressTimeout;
        Job.MaxDownloadTime = update.MaxDownloadTime ?? Job.MaxDownloadTime;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        await PersistAsync();
        return ToInfo();
    }
}
