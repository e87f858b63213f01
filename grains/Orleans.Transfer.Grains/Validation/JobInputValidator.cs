using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Validation;

/// <summary>
/// Checks caller input before anything is changed. Every failure throws <see cref="TransferJobException"/> naming the
/// field, saying why, and what to do.
/// </summary>
internal static class JobInputValidator
{
    public static void ValidateDisplayName(string? displayName, string field = "displayName")
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} is required: give the job a name.", field);
        }

        if (displayName.Length > JobLimits.MaxDisplayNameLength)
        {
            throw new TransferJobException(
                TransferErrorCode.NameTooLong,
                $"{field} is {displayName.Length} characters; the limit is {JobLimits.MaxDisplayNameLength}.",
                field);
        }
    }

    public static void ValidateDescription(string? description, string field = "description")
    {
        if (description is not null && description.Length > JobLimits.MaxDescriptionLength)
        {
            throw new TransferJobException(
                TransferErrorCode.NameTooLong,
                $"{field} is {description.Length} characters; the limit is {JobLimits.MaxDescriptionLength}.",
                field);
        }
    }

    public static void ValidateOwner(string? owner, string field = "owner")
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} is required.", field);
        }

        if (owner.Length > JobLimits.MaxOwnerLength)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is {owner.Length} characters; the limit is {JobLimits.MaxOwnerLength}. Use a shorter owner identifier.",
                field);
        }
    }

    public static void ValidatePriority(JobPriority priority, string field = "priority")
    {
        if (!Enum.IsDefined(priority))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} {(int)priority} is not a priority; use Foreground, High, Normal or Low.",
                field);
        }
    }

    public static void ValidateMinimumRetryDelay(TimeSpan delay, string field = "minimumRetryDelay")
    {
        if (delay < JobLimits.MinimumRetryDelayFloor)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is {delay.TotalSeconds} s; it must be at least {JobLimits.MinimumRetryDelayFloor.TotalSeconds} s.",
                field);
        }

        if (delay > JobTimeLimits.MaxMinimumRetryDelay)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is {delay.TotalSeconds} s; it must be at most {JobTimeLimits.MaxMinimumRetryDelay.TotalSeconds} s ({JobTimeLimits.MaxMinimumRetryDelay.TotalDays} days).",
                field);
        }
    }

    public static void ValidateNoProgressTimeout(TimeSpan timeout, string field = "noProgressTimeout")
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is negative; use 0 or more seconds.",
                field);
        }

        if (timeout > JobTimeLimits.MaxNoProgressTimeout)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is {timeout.TotalSeconds} s; it must be at most {JobTimeLimits.MaxNoProgressTimeout.TotalSeconds} s ({JobTimeLimits.MaxNoProgressTimeout.TotalDays} days).",
                field);
        }
    }

    public static void ValidateMaxDownloadTime(TimeSpan maxDownloadTime, string field = "maxDownloadTime")
    {
        if (maxDownloadTime <= TimeSpan.Zero)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} must be positive; the default is {JobLimits.DefaultMaxDownloadTime.TotalDays} days.",
                field);
        }

        if (maxDownloadTime > JobTimeLimits.MaxMaxDownloadTime)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field} is {maxDownloadTime.TotalSeconds} s; it must be at most {JobTimeLimits.MaxMaxDownloadTime.TotalSeconds} s ({JobTimeLimits.MaxMaxDownloadTime.TotalDays} days).",
                field);
        }
    }

    /// <summary>Validates every property of a new job (its files are the kind's to validate).</summary>
    public static void ValidateRequest(CreateJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateDisplayName(request.DisplayName);
        ValidateDescription(request.Description);
        ValidatePriority(request.Priority);
        ValidateOwner(request.Owner);
        ValidateTimes(request.MinimumRetryDelay, request.NoProgressTimeout, request.MaxDownloadTime);
        ValidateMaxBytesPerSecond(request.MaxBytesPerSecond);
        ValidateCostPolicy(request.CostPolicy);
        request.Notifications?.Validate();
    }

    /// <summary>Validates a properties update (B09); null members are left alone and not checked.</summary>
    public static void ValidateUpdate(JobPropertiesUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.DisplayName is not null)
        {
            ValidateDisplayName(update.DisplayName);
        }

        ValidateDescription(update.Description);
        if (update.Priority is { } priority)
        {
            ValidatePriority(priority);
        }

        ValidateTimes(update.MinimumRetryDelay, update.NoProgressTimeout, update.MaxDownloadTime);
        ValidateMaxBytesPerSecond(update.MaxBytesPerSecond);
        if (update.DefaultCostPolicy && update.CostPolicy is not null)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                "costPolicy and defaultCostPolicy are both set; set a policy, or go back to the service's default, not both.",
                "costPolicy");
        }

        ValidateCostPolicy(update.CostPolicy);
    }

    /// <summary>B84: a mask of known cost states holding at least one.</summary>
    public static void ValidateCostPolicy(NetworkCostStates? policy)
    {
        if (policy is { } mask && TransferPolicy.Check(mask) is { } problem)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, problem, "costPolicy");
        }
    }

    private static void ValidateTimes(TimeSpan? minimumRetryDelay, TimeSpan? noProgressTimeout, TimeSpan? maxDownloadTime)
    {
        if (minimumRetryDelay is { } delay)
        {
            ValidateMinimumRetryDelay(delay);
        }

        if (noProgressTimeout is { } timeout)
        {
            ValidateNoProgressTimeout(timeout);
        }

        if (maxDownloadTime is { } max)
        {
            ValidateMaxDownloadTime(max);
        }
    }

    private static void ValidateMaxBytesPerSecond(long? maxBytesPerSecond)
    {
        if (maxBytesPerSecond is < 0)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                "maxBytesPerSecond is negative; give a rate in bytes per second, or 0 to remove the cap.",
                "maxBytesPerSecond");
        }
    }

    /// <summary>
    /// Validates one file and returns its normalized remote URL and full local path. The remote goes through the
    /// worker's transport registry, the one place that knows which schemes exist.
    /// </summary>
    /// <param name="file">The file as given.</param>
    /// <param name="index">Its index in the request, for errors.</param>
    /// <param name="transports">The worker's transports.</param>
    public static (string RemoteUrl, string LocalPath, ContentDigest? Digest) ValidateFile(FileSpec file, int index, ITransportRegistry transports)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(transports);
        var prefix = $"files[{index}]";
        var remote = transports.Resolve(file.RemoteUrl, $"{prefix}.remoteUrl");
        var localPath = LocalPathValidator.Validate(file.LocalPath, $"{prefix}.localPath");
        RangeValidator.Validate(file.Ranges, $"{prefix}.ranges");
        RangeValidator.RequireSupported(remote, file.Ranges?.Count ?? 0, $"{prefix}.remoteUrl");
        var digest = DigestValidator.Validate(file, $"{prefix}.digest");
        return (remote.RemoteName, localPath, digest);
    }
}
