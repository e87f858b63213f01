using Orleans.Transfer.Http;

namespace Orleans.Transfer;

/// <summary>
/// A new job: its properties and, optionally, its files, created in one atomic call. Bad input anywhere (a property or
/// any file) creates nothing.
/// </summary>
/// <param name="DisplayName">Required, at most 256 characters; need not be unique.</param>
/// <param name="Description">At most 1,024 characters.</param>
/// <param name="Type">The job kind. Upload and UploadReply jobs take exactly one file (B03): its remote URL the
/// upload's destination, its local path the file to send.</param>
/// <param name="Priority">Default <see cref="JobPriority.Normal"/>.</param>
/// <param name="Owner">
/// The owner the job belongs to: the identity the local API established (<c>unix:&lt;uid&gt;</c> or a Windows SID),
/// whatever a caller sends there; a trusted gateway client names the owner it acts for.
/// </param>
/// <param name="Files">Files to add, in transfer order; null or empty creates a job without files.</param>
/// <param name="Resume">Queue the job at once (needs files); otherwise it is created Suspended.</param>
/// <param name="MinimumRetryDelay">Null keeps the default (<see cref="JobLimits.DefaultMinimumRetryDelay"/>).</param>
/// <param name="NoProgressTimeout">Null keeps the default (<see cref="JobLimits.DefaultNoProgressTimeout"/>).</param>
/// <param name="MaxDownloadTime">Null keeps the default (<see cref="JobLimits.DefaultMaxDownloadTime"/>).</param>
/// <param name="MaxBytesPerSecond">The job's own bandwidth cap in bytes per second; null or 0 for none.</param>
/// <param name="Notifications">The job's notify command and webhook, or null.</param>
/// <param name="Elevated">
/// The creator is an administrator or a trusted service: its jobs count against the larger quota
/// (<c>Transfer:Jobs:MaxJobsPerAdministrator</c>). The local API sets it; what a caller sends there is ignored.
/// </param>
/// <param name="Http">The job's HTTP options, or null for the defaults.</param>
/// <param name="Credentials">Credentials to set, one per (target, scheme); stored encrypted.</param>
/// <param name="ReplyPath">
/// An UploadReply job's reply file, an absolute path the owner may create (BITS SetReplyFileName); null: a hidden name
/// beside the uploaded file. Refused for other job types.
/// </param>
/// <param name="CostPolicy">The job's own transfer policy (B84); null follows the service's default for its priority (B85).</param>
/// <param name="CompleteWhenTransferred">
/// Ours, not BITS': the service completes the job itself once every file is transferred (as Complete would), so the
/// caller need not call Complete. Default false: the job waits in Transferred for the owner, as in BITS.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.CreateJobRequest")]
public sealed record CreateJobRequest(
    string DisplayName,
    string? Description,
    JobType Type,
    JobPriority Priority,
    string Owner,
    IReadOnlyList<FileSpec>? Files = null,
    bool Resume = false,
    TimeSpan? MinimumRetryDelay = null,
    TimeSpan? NoProgressTimeout = null,
    TimeSpan? MaxDownloadTime = null,
    long? MaxBytesPerSecond = null,
    NotificationSettings? Notifications = null,
    bool Elevated = false,
    HttpOptionsUpdate? Http = null,
    IReadOnlyList<JobCredential>? Credentials = null,
    string? ReplyPath = null,
    NetworkCostStates? CostPolicy = null,
    bool CompleteWhenTransferred = false);
