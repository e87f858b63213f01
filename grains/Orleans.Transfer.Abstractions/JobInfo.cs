using Orleans.Transfer.Http;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer;

/// <summary>Everything about one job, as returned by every job operation.</summary>
/// <param name="Id">The job id.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Description">Description, possibly empty.</param>
/// <param name="Type">Job type.</param>
/// <param name="State">Current state.</param>
/// <param name="Priority">Priority.</param>
/// <param name="Owner">Owner.</param>
/// <param name="Progress">Job progress.</param>
/// <param name="Files">Files in transfer order.</param>
/// <param name="Error">The last error, while the job is in Error or TransientError.</param>
/// <param name="ErrorCount">Number of errors since the job last made progress.</param>
/// <param name="MinimumRetryDelay">Delay before an automatic retry.</param>
/// <param name="NoProgressTimeout">How long the job may go without progress in TransientError.</param>
/// <param name="Times">Timestamps.</param>
/// <param name="MaxDownloadTime">How long the job may spend connecting and transferring (B90).</param>
/// <param name="NextRetryAt">When a job in TransientError retries by itself, or null.</param>
/// <param name="MaxBytesPerSecond">This job's own bandwidth cap, or null for none.</param>
/// <param name="Notifications">The job's notify command and webhook (the webhook secret shown as "***"), or null.</param>
/// <param name="Http">The job's HTTP options, without secrets; null from a service that predates them.</param>
/// <param name="Reply">An UploadReply job's reply (B52): its size, bytes downloaded and file; null for other job types.</param>
/// <param name="CostPolicy">
/// The transfer policy in force (B84): the job's own, or the service's default for its priority (B85); null from a
/// service that predates it. Names: <see cref="TransferPolicy.Name"/>.
/// </param>
/// <param name="CostPolicyIsDefault">True when <paramref name="CostPolicy"/> is the service's default, not the job's own.</param>
/// <param name="Yield">
/// How the job yields to foreground traffic now, while a file of a background job reads from a remote server; null
/// otherwise (not running, Foreground priority, loopback, local files, yielding off).
/// </param>
/// <param name="Silo">
/// The silo running the job (its address, <c>host:port@generation</c>); null from a service that predates it. In a
/// cluster it changes when the job moves to another silo (docs/cluster.md).
/// </param>
/// <param name="CompleteWhenTransferred">
/// True when the service completes the job itself once it is transferred (ours, not BITS'); false from a service that
/// predates it.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobInfo")]
public sealed record JobInfo(
    Guid Id,
    string DisplayName,
    string Description,
    JobType Type,
    JobState State,
    JobPriority Priority,
    string Owner,
    JobProgress Progress,
    IReadOnlyList<JobFileInfo> Files,
    JobError? Error,
    int ErrorCount,
    TimeSpan MinimumRetryDelay,
    TimeSpan NoProgressTimeout,
    JobTimes Times,
    TimeSpan MaxDownloadTime,
    DateTimeOffset? NextRetryAt,
    long? MaxBytesPerSecond,
    NotificationSettings? Notifications,
    JobHttpInfo? Http = null,
    JobReplyInfo? Reply = null,
    NetworkCostStates? CostPolicy = null,
    bool CostPolicyIsDefault = true,
    JobYieldInfo? Yield = null,
    string? Silo = null,
    bool CompleteWhenTransferred = false);
