namespace Orleans.Transfer;

/// <summary>Changes to a job's properties; null members are left as they are.</summary>
/// <param name="DisplayName">New display name, at most 256 characters.</param>
/// <param name="Description">New description, at most 1,024 characters.</param>
/// <param name="Priority">New priority.</param>
/// <param name="MinimumRetryDelay">Delay before a job in TransientError retries; at least 5 seconds.</param>
/// <param name="NoProgressTimeout">How long a job may make no progress in TransientError before it goes to Error.</param>
/// <param name="MaxDownloadTime">How long the job may spend connecting and transferring before it goes to Error.</param>
/// <param name="MaxBytesPerSecond">A bandwidth cap for this job in bytes per second; 0 removes the cap.</param>
/// <param name="CostPolicy">
/// The job's own transfer policy (B84, <see cref="TransferPolicy"/>); applies at once, also to a running transfer.
/// </param>
/// <param name="DefaultCostPolicy">True: drop the job's own policy and follow the service's default for its priority (B85).</param>
/// <param name="CompleteWhenTransferred">
/// True: the service completes the job itself once it is transferred (<see cref="CreateJobRequest.CompleteWhenTransferred"/>;
/// a job already Transferred is completed at once); false: the job waits in Transferred for Complete, as in BITS.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobPropertiesUpdate")]
public sealed record JobPropertiesUpdate(
    string? DisplayName = null,
    string? Description = null,
    JobPriority? Priority = null,
    TimeSpan? MinimumRetryDelay = null,
    TimeSpan? NoProgressTimeout = null,
    TimeSpan? MaxDownloadTime = null,
    long? MaxBytesPerSecond = null,
    NetworkCostStates? CostPolicy = null,
    bool DefaultCostPolicy = false,
    bool? CompleteWhenTransferred = null);
