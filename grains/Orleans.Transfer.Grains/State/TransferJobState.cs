using System.Text.Json.Serialization;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// The persisted state of one job. Stored as System.Text.Json by the AdoNet provider: every wire name is pinned with
/// [JsonPropertyName] and listed in tests/Orleans.Transfer.Tests/State/persisted-names.txt. Rename a property freely,
/// but never its wire name; to move to a new wire name, keep the old one as a [PersistedAlias]. Add new properties
/// with defaults that read old rows correctly. A row this version cannot read reaches the grain through
/// <see cref="IRecoverableState"/> as a damaged job (<see cref="Damage"/>) instead of failing its activation.
/// </summary>
public sealed class TransferJobState : IRecoverableState, IReservingState, ICatalogRowState
{
    [JsonPropertyName("Exists")]
    public bool Exists { get; set; }

    [JsonPropertyName("DisplayName")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("Description")]
    public string Description { get; set; } = "";

    [JsonPropertyName("Type")]
    public JobType Type { get; set; }

    [JsonPropertyName("Priority")]
    public JobPriority Priority { get; set; } = JobPriority.Normal;

    /// <summary>Required: every row this service writes has it (false and null are left out, "" is not), and without it
    /// nobody could be told whether the job is theirs.</summary>
    [JsonPropertyName("Owner")]
    [JsonRequired]
    public string Owner { get; set; } = "";

    [JsonPropertyName("State")]
    public JobState State { get; set; } = JobState.Suspended;

    [JsonPropertyName("Files")]
    public List<JobFileState> Files { get; set; } = [];

    [JsonPropertyName("Error")]
    public JobError? Error { get; set; }

    [JsonPropertyName("ErrorCount")]
    public int ErrorCount { get; set; }

    [JsonPropertyName("MinimumRetryDelay")]
    public TimeSpan MinimumRetryDelay { get; set; } = JobLimits.DefaultMinimumRetryDelay;

    [JsonPropertyName("NoProgressTimeout")]
    public TimeSpan NoProgressTimeout { get; set; } = JobLimits.DefaultNoProgressTimeout;

    [JsonPropertyName("Created")]
    public DateTimeOffset Created { get; set; }

    [JsonPropertyName("Modified")]
    public DateTimeOffset Modified { get; set; }

    [JsonPropertyName("TransferCompleted")]
    public DateTimeOffset? TransferCompleted { get; set; }

    /// <summary>When a job in TransientError retries by itself; survives restarts so the timer can be re-armed.</summary>
    [JsonPropertyName("NextRetryAt")]
    public DateTimeOffset? NextRetryAt { get; set; }

    /// <summary>Start of the NoProgressTimeout window: the first transient error since the job last made progress.</summary>
    [JsonPropertyName("FirstTransientErrorAt")]
    public DateTimeOffset? FirstTransientErrorAt { get; set; }

    /// <summary>Errors since the job last made progress; drives the retry back-off (ErrorCount never resets, B42a).</summary>
    [JsonPropertyName("ErrorsSinceProgress")]
    public int ErrorsSinceProgress { get; set; }

    [JsonPropertyName("MaxDownloadTime")]
    public TimeSpan MaxDownloadTime { get; set; } = JobLimits.DefaultMaxDownloadTime;

    [JsonPropertyName("Notifications")]
    public NotificationSettings? Notifications { get; set; }

    /// <summary>Events not yet delivered to the notify command or webhook.</summary>
    [JsonPropertyName("Outbox")]
    public List<PendingNotification> Outbox { get; set; } = [];

    /// <summary>This job's own bandwidth cap in bytes per second, or null for none.</summary>
    [JsonPropertyName("MaxBytesPerSecond")]
    public long? MaxBytesPerSecond { get; set; }

    /// <summary>Time spent Connecting or Transferring since the last Resume (B90), excluding the current stretch.</summary>
    [JsonPropertyName("DownloadTimeUsed")]
    public TimeSpan DownloadTimeUsed { get; set; }

    /// <summary>When the current Connecting/Transferring stretch began, or null when not in one.</summary>
    [JsonPropertyName("DownloadingSince")]
    public DateTimeOffset? DownloadingSince { get; set; }

    /// <summary>Last progress or owner action; the inactivity timeout (B31) counts from here.</summary>
    [JsonPropertyName("LastActivityAt")]
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>
    /// The webhook secret, encrypted by <c>ISecretProtector</c> (purpose <c>SecretPurposes.WebhookSecret</c>).
    /// <see cref="Notifications"/> keeps its secret null; a non-null one there is plain text from an earlier version,
    /// which the grain encrypts into this member on activation.
    /// </summary>
    [JsonPropertyName("ProtectedWebhookSecret")]
    public string? ProtectedWebhookSecret { get; set; }

    /// <summary>The job's HTTP options with their secrets encrypted, or null when they are all defaults.</summary>
    [JsonPropertyName("Http")]
    public JobHttpState? Http { get; set; }

    /// <summary>An UploadReply job's reply file as the caller named it (BITS SetReplyFileName), or null for the default.</summary>
    [JsonPropertyName("ReplyPath")]
    public string? ReplyPath { get; set; }

    /// <summary>
    /// The job's own transfer policy (B84), a <see cref="NetworkCostStates"/> mask stored as its number, or null to follow
    /// the administrator's default for the job's priority (B85).
    /// </summary>
    [JsonPropertyName("CostPolicy")]
    public uint? CostPolicy { get; set; }

    /// <summary>
    /// The host (<c>Transfer:Cluster:HostName</c>) whose disk holds a local path of the job outside every shared root:
    /// the job activates only on that host's silos (docs/cluster.md). Null while every local path is under a shared root.
    /// </summary>
    [JsonPropertyName("PinnedHost")]
    public string? PinnedHost { get; set; }

    /// <summary>
    /// The silo (<c>SiloAddress.ToParsableString()</c>) whose activation last started the job's worker, written before
    /// that worker opened a temporary file: whose locks a survivor finds on them. Once membership declares that silo
    /// dead, a survivor may take a file it still holds over (docs/cluster.md, "Fencing"). Null before the first run.
    /// </summary>
    [JsonPropertyName("WorkerSilo")]
    public string? WorkerSilo { get; set; }

    /// <summary>
    /// The service completes the job itself once it is transferred (<see cref="CreateJobRequest.CompleteWhenTransferred"/>).
    /// Absent in rows of earlier versions, which read as false.
    /// </summary>
    [JsonPropertyName("CompleteWhenTransferred")]
    public bool CompleteWhenTransferred { get; set; }

    /// <summary>
    /// The service's own completion of the Transferred job (<see cref="CompleteWhenTransferred"/>) failed (B30): the
    /// service does not try it again by itself, at an activation or a silo's start, as BITS never retries a Complete;
    /// the job waits for its owner. Cleared by the job's next state change and by the owner setting the property.
    /// Absent in rows of earlier versions, which read as false: such a job is tried once more, then marked.
    /// </summary>
    [JsonPropertyName("CompletionFailed")]
    public bool CompletionFailed { get; set; }

    /// <summary>
    /// The service is to complete the job itself once it is transferred: the property is set and no completion of it
    /// failed since. The one home of the rule: the catalog row's complete_when_transferred, the activation's check
    /// (<see cref="Jobs.JobCompletion.IsDue"/>) and the owner's asking again read it, so they cannot drift. Never stored.
    /// </summary>
    [JsonIgnore]
    public bool CompletesItself => CompleteWhenTransferred && !CompletionFailed;

    /// <summary>Why the stored row could not be read, or null for a sound job. Never stored: it is found on each read.</summary>
    [JsonIgnore]
    public string? Damage { get; private set; }

    /// <summary>
    /// Set only for the create's write (<see cref="Jobs.JobPersistence.CreateAsync"/>): the storage writes the state
    /// together with the job's catalog row, counters and claims, or not at all. Never stored.
    /// </summary>
    [JsonIgnore]
    public JobRowReservation? PendingReservation { get; set; }

    /// <summary>
    /// Set only during a write that carries the job's catalog row (<see cref="Jobs.JobPersistence.PersistAsync"/>): the
    /// storage writes both in one transaction. Never stored.
    /// </summary>
    [JsonIgnore]
    public CatalogRowWrite? PendingCatalogRow { get; set; }

    /// <summary>The job was cancelled and written whole: its row is readable again.</summary>
    public void ForgetDamage() => Damage = null;

    public string? FindProblem() => StoredJobCheck.FindProblem(this);

    public void MarkUnreadable(string problem, ReadOnlyMemory<byte> payload)
    {
        Damage = problem;
        StoredJobCheck.Salvage(this, payload);
    }
}
