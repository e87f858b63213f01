using Orleans.Transfer.Http;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer;

/// <summary>
/// One transfer job, keyed by its id. Every operation returns the job as it stands afterwards, or throws
/// <see cref="TransferJobException"/> having changed nothing.
/// </summary>
[Alias("Orleans.Transfer.ITransferJobGrain")]
public interface ITransferJobGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the job with its properties and files in one step, Suspended, or Queued when the request says Resume.
    /// Invalid input anywhere creates nothing.
    /// </summary>
    [Alias("Create")]
    Task<JobInfo> CreateAsync(CreateJobRequest request);

    /// <summary>Appends files; allowed in any non-final state. Either all files are added or none.</summary>
    [Alias("AddFiles")]
    Task<JobInfo> AddFilesAsync(IReadOnlyList<FileSpec> files);

    /// <summary>Queues the job for transfer (also retries at once from Error or TransientError).</summary>
    [Alias("Resume")]
    Task<JobInfo> ResumeAsync();

    /// <summary>Stops transferring until Resume; a no-op on a suspended job.</summary>
    [Alias("Suspend")]
    Task<JobInfo> SuspendAsync();

    /// <summary>Ends the job and deletes its temporary files.</summary>
    [Alias("Cancel")]
    Task<JobInfo> CancelAsync();

    /// <summary>
    /// bitsadmin <c>/takeownership</c>: the job, as it is, now belongs to <paramref name="newOwner"/>. Its destination
    /// claims move to the new owner; a path the new owner already claims refuses the change (DestinationInUse).
    /// </summary>
    /// <param name="newOwner">The new owner id, as the front door established it.</param>
    [Alias("TakeOwnership")]
    Task<JobInfo> TakeOwnershipAsync(string newOwner);

    /// <summary>Ends the job, moving fully downloaded files to their final names and deleting the rest.</summary>
    [Alias("Complete")]
    Task<JobInfo> CompleteAsync();

    /// <summary>Changes properties; not allowed in final states.</summary>
    [Alias("SetProperties")]
    Task<JobInfo> SetPropertiesAsync(JobPropertiesUpdate update);

    /// <summary>Changes the job's HTTP options; not allowed in final states. Applies from the next request.</summary>
    [Alias("SetHttpOptions")]
    Task<JobInfo> SetHttpOptionsAsync(HttpOptionsUpdate update);

    /// <summary>Sets the credential for its (target, scheme), replacing one set before; stored encrypted.</summary>
    [Alias("SetCredentials")]
    Task<JobInfo> SetCredentialsAsync(JobCredential credential);

    /// <summary>Removes the credential for (target, scheme); removing one that is not set changes nothing.</summary>
    [Alias("RemoveCredentials")]
    Task<JobInfo> RemoveCredentialsAsync(AuthTarget target, AuthScheme scheme);

    /// <summary>
    /// Sets the client certificate (files read once, now, with the owner's rights, and stored encrypted), or with null
    /// removes it.
    /// </summary>
    [Alias("SetClientCertificate")]
    Task<JobInfo> SetClientCertificateAsync(ClientCertificateSpec? certificate);

    /// <summary>
    /// BITS <c>SetRemoteName</c>: a file not yet complete gets a new URL. Bytes already fetched are kept only if the new
    /// URL serves the same content (same validator and size); otherwise the file restarts.
    /// </summary>
    [Alias("SetRemoteUrl")]
    Task<JobInfo> SetRemoteUrlAsync(int fileIndex, string remoteUrl);

    /// <summary>BITS <c>ReplaceRemotePrefix</c>: every file not yet complete whose URL starts with the prefix gets the new one.</summary>
    [Alias("ReplaceRemotePrefix")]
    Task<JobInfo> ReplaceRemotePrefixAsync(string oldPrefix, string newPrefix);

    /// <summary>Returns the job with its live progress.</summary>
    /// <remarks>Answers even while another call waits on slow I/O (Complete's rename on a slow disk).</remarks>
    [Alias("GetInfo")]
    [Concurrency.AlwaysInterleave]
    Task<JobInfo> GetInfoAsync();

    /// <summary>
    /// An UploadReply job's reply in memory (B107): InvalidState until the whole reply is downloaded (or for other job
    /// types), TooLarge above <see cref="JobReply.MaxInMemoryBytes"/> (the message names the reply file to read instead).
    /// The file is read with the owner's rights.
    /// </summary>
    [Alias("GetReply")]
    [Concurrency.AlwaysInterleave]
    Task<JobReply> GetReplyAsync();

    /// <summary>
    /// Up to <paramref name="count"/> files from <paramref name="offset"/> on (at most
    /// <see cref="JobLimits.MaxFilesPageSize"/>), with live progress; an offset past the end gives an empty page.
    /// </summary>
    [Alias("GetFiles")]
    [Concurrency.AlwaysInterleave]
    Task<JobFilePage> GetFilesAsync(int offset, int count);

    /// <summary>Sets (or with null, clears) the job's notify command and webhook; not allowed in final states.</summary>
    [Alias("SetNotifications")]
    Task<JobInfo> SetNotificationsAsync(NotificationSettings? settings);

    /// <summary>
    /// Subscribes an observer to the job's events. Subscriptions expire after a few minutes: long-lived clients
    /// subscribe again periodically (subscribing twice is harmless).
    /// </summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(ITransferJobObserver observer);

    /// <summary>Removes an observer.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ITransferJobObserver observer);

    /// <summary>
    /// Long poll for watchers, answered with a small event: returns as soon as the state differs from
    /// <paramref name="knownState"/> or the job's <see cref="JobEvent.Settled"/> from <paramref name="knownSettled"/>
    /// (a job the service fails to complete settles at Transferred without a state change), or when the transferred
    /// bytes differ from <paramref name="knownBytes"/> and at least <paramref name="minInterval"/> has passed, or after
    /// <paramref name="maxWait"/> with the job as it stands. A new alias since <paramref name="knownSettled"/> was
    /// added: a caller of an older release gets "method not found", not misread arguments.
    /// </summary>
    [Alias("WaitForJobEvent")]
    [Concurrency.AlwaysInterleave]
    Task<JobEvent> WaitForEventAsync(JobState knownState, bool knownSettled, long knownBytes, TimeSpan minInterval, TimeSpan maxWait);

    /// <summary>
    /// Long poll for callers that only want the outcome: returns as soon as the job is settled
    /// (<see cref="JobEvent.Settled"/>), or after <paramref name="maxWait"/> (at most five minutes) with the job as it
    /// stands. One call per job instead of one per state change, for services that run many small jobs.
    /// </summary>
    [Alias("WaitUntilSettled")]
    [Concurrency.AlwaysInterleave]
    Task<JobEvent> WaitUntilSettledAsync(TimeSpan maxWait);

    /// <summary>
    /// <see cref="CreateAsync"/>, then <see cref="WaitUntilSettledAsync"/>, in one call: for services that run many
    /// small jobs the service completes itself, one request per job instead of two. The create runs as its own turn, as
    /// from any caller; only the wait interleaves. The request must queue the job (<see cref="CreateJobRequest.Resume"/>):
    /// a Suspended job does not settle by itself. Returns the settled event, or after <paramref name="maxWait"/> (at most
    /// five minutes, counted from the call, the create included) the job as it stands, to be waited for with
    /// <see cref="WaitUntilSettledAsync"/>. Keep <paramref name="maxWait"/> under the caller's response timeout.
    /// </summary>
    [Alias("CreateAndWaitUntilSettled")]
    [Concurrency.AlwaysInterleave]
    Task<JobEvent> CreateAndWaitUntilSettledAsync(CreateJobRequest request, TimeSpan maxWait);
}
