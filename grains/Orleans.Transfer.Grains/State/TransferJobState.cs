namespace Orleans.Transfer.Grains.State;

/// <summary>
/// The persisted state of one job. Stored as System.Text.Json by the AdoNet provider: property names are a storage
/// contract and must never be renamed; add new properties with defaults that read old rows correctly.
/// </summary>
public sealed class TransferJobState
{
    public bool Exists { get; set; }

    public string DisplayName { get; set; } = "";

    public string Description { get; set; } = "";

    public JobType Type { get; set; }

    public JobPriority Priority { get; set; } = JobPriority.Normal;

    public string Owner { get; set; } = "";

    public JobState State { get; set; } = JobState.Suspended;

    public List<JobFileState> Files { get; set; } = [];

    public JobError? Error { get; set; }

    public int ErrorCount { get; set; }

    public TimeSpan MinimumRetryDelay { get; set; } = JobLimits.DefaultMinimumRetryDelay;

    public TimeSpan NoProgressTimeout { get; set; } = JobLimits.DefaultNoProgressTimeout;

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Modified { get; set; }

    public DateTimeOffset? TransferCompleted { get; set; }

    /// <summary>When a job in TransientError retries by itself; survives restarts so the timer can be re-armed.</summary>
    public DateTimeOffset? NextRetryAt { get; set; }

    /// <summary>Start of the NoProgressTimeout window: the first transient error since the job last made progress.</summary>
    public DateTimeOffset? FirstTransientErrorAt { get; set; }

    /// <summary>Errors since the job last made progress; drives the retry back-off (ErrorCount never resets, B42a).</summary>
    public int ErrorsSinceProgress { get; set; }

    public TimeSpan MaxDownloadTime { get; set; } = JobLimits.DefaultMaxDownloadTime;

    public NotificationSettings? Notifications { get; set; }

    /// <summary>Events not yet delivered to the notify command or webhook.</summary>
    public List<PendingNotification> Outbox { get; set; } = [];

    /// <summary>This job's own bandwidth cap in bytes per second, or null for none.</summary>
    public long? MaxBytesPerSecond { get; set; }

    /// <summary>Time spent Connecting or Transferring since the last Resume (B90), excluding the current stretch.</summary>
    public TimeSpan DownloadTimeUsed { get; set; }

    /// <summary>When the current Connecting/Transferring stretch began, or null when not in one.</summary>
    public DateTimeOffset? DownloadingSince { get; set; }

    /// <summary>Last progress or owner action; the inactivity timeout (B31) counts from here.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
}
