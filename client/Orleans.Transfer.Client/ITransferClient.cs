using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Client;

/// <summary>
/// Typed access to the transfer service for applications. Every job operation returns the job as it stands
/// afterwards, or throws <see cref="TransferJobException"/> having changed nothing. Paths are passed through as given:
/// the service requires absolute local paths.
/// </summary>
public interface ITransferClient
{
    /// <summary>Creates a download job, in the Suspended state, owned by the caller.</summary>
    /// <param name="displayName">Display name, at most <see cref="JobLimits.MaxDisplayNameLength"/> characters.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the job).</param>
    Task<JobInfo> CreateDownloadJobAsync(
        string displayName,
        string? description = null,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a job with its properties and files in one atomic call, Suspended (or Queued when
    /// <see cref="CreateJobRequest.Resume"/> is set). Bad input anywhere creates nothing: no job, no listing row.
    /// </summary>
    /// <param name="request">
    /// The job. The owner is the caller: the local API sets it from the connection, whatever is sent; the gateway
    /// client fills an empty <see cref="CreateJobRequest.Owner"/> with its configured owner.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the job).</param>
    Task<JobInfo> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates many jobs in one call and one write, all or none: each job is checked as <see cref="CreateJobAsync"/>
    /// checks it, and a refusal names the job at fault (field <c>jobs[i].&lt;field&gt;</c>, for example
    /// <c>jobs[3].files[0].localPath</c>) and creates nothing. The batch counts as its size against the job limits; at
    /// most <c>Transfer:Jobs:MaxJobsPerCreateCall</c> jobs (default 1,000) per call. For services that create jobs in
    /// bulk: far more creates per second than one call per job. The gateway client (<see cref="TransferClient"/>) and
    /// the local API client (each job owned by the connection's user) offer it; other implementations throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="requests">The jobs; owners as <see cref="CreateJobAsync"/> sets them, for each request.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the jobs).</param>
    /// <returns>The created jobs, in the order of <paramref name="requests"/>.</returns>
    Task<IReadOnlyList<JobInfo>> CreateJobsAsync(IReadOnlyList<CreateJobRequest> requests, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This client creates jobs one at a time; use CreateJobAsync.");

    /// <summary>
    /// Creates a download job with its files and queues it, in one atomic call (one request to the service, one
    /// write of the job): the quick way to run many small jobs. Wait for it with <see cref="WaitUntilSettledAsync"/>.
    /// </summary>
    /// <param name="displayName">Display name, at most <see cref="JobLimits.MaxDisplayNameLength"/> characters.</param>
    /// <param name="files">The files; bad input in any of them creates nothing.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="completeWhenTransferred">
    /// The service completes the job itself once its files are transferred (<see cref="CreateJobRequest.CompleteWhenTransferred"/>),
    /// and no Complete is needed. Through the gateway (<see cref="TransferClient"/>) <see cref="WaitUntilSettledAsync"/>
    /// then answers Acknowledged, or Transferred with the error when a move failed; a watch (and so the local API's
    /// wait) may end at Transferred just before the service's moves, when a Complete waits for them and answers as they did.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the job).</param>
    Task<JobInfo> StartDownloadJobAsync(
        string displayName,
        IReadOnlyList<FileSpec> files,
        JobPriority priority = JobPriority.Normal,
        bool completeWhenTransferred = false,
        CancellationToken cancellationToken = default) =>
        CreateJobAsync(DownloadJobRequests.Create(displayName, files, priority, completeWhenTransferred), cancellationToken);

    /// <summary>
    /// Downloads <paramref name="files"/> in one job that the service completes itself, and waits until it is settled:
    /// <see cref="StartDownloadJobAsync"/> with <c>completeWhenTransferred</c>, then <see cref="WaitUntilSettledAsync"/>.
    /// Through the gateway (<see cref="TransferClient"/>) both are one call while the job settles within 20 s: for
    /// services that run many small jobs, half the requests. Answers Acknowledged when every file is in place, Error
    /// with the error code, or Transferred with it when a move failed; the job's id is <see cref="JobEvent.JobId"/>.
    /// </summary>
    /// <param name="displayName">Display name, at most <see cref="JobLimits.MaxDisplayNameLength"/> characters.</param>
    /// <param name="files">The files; bad input in any of them creates nothing.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="cancellationToken">
    /// Stops waiting; the service may still create the job, and runs it: the caller, who has no id then, finds it by its
    /// display name in its list, as after a create whose answer timed out.
    /// </param>
    async Task<JobEvent> DownloadAsync(
        string displayName,
        IReadOnlyList<FileSpec> files,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default)
    {
        var job = await StartDownloadJobAsync(displayName, files, priority, completeWhenTransferred: true, cancellationToken);
        return await WaitUntilSettledAsync(job.Id, cancellationToken);
    }

    /// <summary>
    /// Creates an upload job (BITS upload, one file) in one atomic call: an <see cref="JobType.Upload"/> job, or with
    /// <paramref name="replyPath"/> an <see cref="JobType.UploadReply"/> job whose server reply is saved there.
    /// </summary>
    /// <param name="localPath">The absolute path of the file to send; it must not change during the upload.</param>
    /// <param name="remoteUrl">The destination on the upload server, an absolute http or https URL.</param>
    /// <param name="replyPath">An absolute path for the server's reply (an UploadReply job), or null for a plain upload.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="displayName">Display name; null for the local file's name.</param>
    /// <param name="start">Queues the job at once (true) or leaves it Suspended.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the job).</param>
    Task<JobInfo> CreateUploadJobAsync(
        string localPath,
        string remoteUrl,
        string? replyPath = null,
        JobPriority priority = JobPriority.Normal,
        string? displayName = null,
        bool start = true,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// An UploadReply job's reply in memory (BITS GetReplyData): InvalidState until the whole reply is downloaded or for
    /// other job types, TooLarge above <see cref="JobReply.MaxInMemoryBytes"/> (read <see cref="JobReplyInfo.Path"/> instead).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobReply> GetReplyAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Appends files to a job; either all are added or none.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="files">Files to add.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> AddFilesAsync(Guid jobId, IReadOnlyList<FileSpec> files, CancellationToken cancellationToken = default);

    /// <summary>Appends one file to a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="remoteUrl">Absolute http, https or file URL, or an absolute local path, of the source.</param>
    /// <param name="localPath">Absolute destination path.</param>
    /// <param name="ranges">Optional byte ranges of the source to download.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> AddFileAsync(
        Guid jobId,
        string remoteUrl,
        string localPath,
        IReadOnlyList<ByteRange>? ranges = null,
        CancellationToken cancellationToken = default);

    /// <summary>Queues the job for transfer.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> ResumeAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Pauses the job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SuspendAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ends the job and deletes its temporary files.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> CancelAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ends the job, moving downloaded files to their final names.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> CompleteAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Returns the job with its live progress.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> GetAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>A slice of the job's files with live progress, for jobs too large to fetch whole.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="offset">Index of the first file.</param>
    /// <param name="count">Files wanted, 1 to <see cref="JobLimits.MaxFilesPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobFilePage> GetFilesAsync(Guid jobId, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// The job's recorded history (state changes, errors, retries, notifications, changes), oldest first: the entries
    /// after sequence number <paramref name="after"/>. Pass the page's <see cref="JobHistoryPage.Next"/> to read on.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="after">0 for the oldest entry kept, else a <see cref="JobHistoryPage.Next"/>.</param>
    /// <param name="limit">Entries wanted, 1 to <see cref="JobLimits.MaxHistoryPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after = 0, int limit = JobLimits.MaxHistoryPageSize, CancellationToken cancellationToken = default);

    /// <summary>Changes a job's properties; null members of <paramref name="update"/> are left as they are.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Caps this job's bandwidth, on top of the service's bandwidth policy; running transfers follow within a second.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="bytesPerSecond">The cap in bytes per second (see <see cref="TransferRate.Parse"/>), or null to remove it.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesPerSecond"/> is zero or negative.</exception>
    Task<JobInfo> SetMaxBytesPerSecondAsync(Guid jobId, long? bytesPerSecond, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the job's notify command and webhook, or removes them with null. The service replaces the settings
    /// whole: to keep a webhook secret, pass it again (<see cref="JobInfo.Notifications"/> shows it as "***").
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="settings">The settings (checked with <see cref="NotificationSettings.Validate"/>), or null.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetNotificationsAsync(Guid jobId, NotificationSettings? settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the job's HTTP options (headers, proxy, redirects, certificate checks, dynamic content, size limit); null
    /// members of <paramref name="update"/> are left as they are. Applies from the job's next request.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="update">The changes (the service checks it with <see cref="HttpOptionsUpdate.Validate"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetHttpOptionsAsync(Guid jobId, HttpOptionsUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the job's credential for its (target, scheme), replacing one set before. The service stores the password
    /// encrypted and never returns it: <see cref="JobInfo.Http"/> shows target, scheme and user name.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="credential">The credential (the service checks it with <see cref="JobCredential.Validate"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetCredentialsAsync(Guid jobId, JobCredential credential, CancellationToken cancellationToken = default);

    /// <summary>Removes the job's credential for (target, scheme); removing one that is not set changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="target">Server or proxy.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> RemoveCredentialsAsync(Guid jobId, AuthTarget target, AuthScheme scheme, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the job's client certificate, or removes it with null. The service reads the files once, now, with the
    /// caller's rights, and stores certificate and key encrypted.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="certificate">The certificate (the service checks it with <see cref="ClientCertificateSpec.Validate"/>), or null to remove it.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetClientCertificateAsync(Guid jobId, ClientCertificateSpec? certificate, CancellationToken cancellationToken = default);

    /// <summary>
    /// BITS <c>SetRemoteName</c>: a file not yet complete gets a new URL. Bytes already fetched are kept only if the
    /// new URL serves the same content (same validator and size); otherwise the file restarts.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="fileIndex">The file's index in the job, from 0.</param>
    /// <param name="remoteUrl">The new URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetRemoteUrlAsync(Guid jobId, int fileIndex, string remoteUrl, CancellationToken cancellationToken = default);

    /// <summary>
    /// BITS <c>ReplaceRemotePrefix</c>: every file not yet complete whose URL starts with <paramref name="oldPrefix"/>
    /// (case-sensitive) gets <paramref name="newPrefix"/> in its place.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="oldPrefix">The prefix to replace, such as <c>http://old-server/</c>.</param>
    /// <param name="newPrefix">What replaces it.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> ReplaceRemotePrefixAsync(Guid jobId, string oldPrefix, string newPrefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="observer"/> with the job's events (JobTransferred, JobError, JobModification,
    /// FileTransferred) until the returned object is disposed. Events raised while the client is disconnected are
    /// lost (use <see cref="WatchAsync"/> or <see cref="GetAsync"/> to catch up). The gateway client renews its
    /// subscription every minute, so it outlives the service's five-minute observer expiry; the local API client
    /// follows the job's event stream, reconnecting when it breaks, and stops once the job settles.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="observer">Receives the events one at a time, on a background thread; keep it quick.</param>
    /// <param name="cancellationToken">Cancels waiting for the first subscription.</param>
    /// <returns>Unsubscribes on dispose.</returns>
    Task<IAsyncDisposable> ObserveAsync(Guid jobId, ITransferJobObserver observer, CancellationToken cancellationToken = default);

    /// <summary>Returns the service's bandwidth policy in force.</summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<BandwidthPolicySpec> GetBandwidthPolicyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the service's bandwidth policy; running transfers follow within a second, without a restart. It lasts
    /// until the service restarts or its configuration file changes.
    /// </summary>
    /// <param name="policy">The whole policy: null members are "no cap". BackgroundLimit and Timetable exclude each other.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    /// <returns>The policy in force afterwards.</returns>
    Task<BandwidthPolicySpec> SetBandwidthPolicyAsync(BandwidthPolicySpec policy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the network cost the service detected (B84): its state, where it came from (NetworkManager, Windows,
    /// configuration, unknown) and what that source said. Jobs whose transfer policy does not allow it wait.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<NetworkCost> GetNetworkCostAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists jobs from the service's catalog, oldest first.</summary>
    /// <param name="query">
    /// Which jobs to list. A null <see cref="JobListQuery.Owner"/> means the caller's own jobs, unless
    /// <see cref="JobListQuery.AllOwners"/> asks for every owner's (administrators).
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of jobs from the service's catalog, filtered by the query, oldest first (creation time, then id). Pass
    /// the page's <see cref="JobListPage.ContinuationToken"/> back in the query for the next page.
    /// </summary>
    /// <param name="query">
    /// Filters, page size and continuation token. A null <see cref="JobListQuery.Owner"/> means the caller's own jobs,
    /// unless <see cref="JobListQuery.AllOwners"/> asks for every owner's (administrators).
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobListPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields the job as it stands, then each change, as small <see cref="JobEvent"/>s: state changes at once (the job
    /// is long-polled), progress at most every WatchInterval (<see cref="TransferClientOptions.WatchInterval"/>,
    /// <see cref="LocalApiClientOptions.WatchInterval"/>). The sequence ends
    /// after yielding a settled event (<see cref="JobStates.IsSettled(JobEvent)"/>: Error, Acknowledged, Cancelled, or
    /// Transferred unless the service completes the job itself and has not finished or failed to); fetch the whole job
    /// with <see cref="GetAsync"/>.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops watching; the job itself is not affected.</param>
    IAsyncEnumerable<JobEvent> WatchAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the job is settled (<see cref="JobStates.IsSettled(JobEvent)"/>) and returns its last event, without the
    /// progress in between: through the gateway one long poll per 20 s instead of one per state change.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops waiting; the job itself is not affected.</param>
    async Task<JobEvent> WaitUntilSettledAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        JobEvent? last = null;
        await foreach (var jobEvent in WatchAsync(jobId, cancellationToken))
        {
            last = jobEvent;
        }

        return last ?? throw new InvalidOperationException($"The watch of job {jobId} ended without an event.");
    }

    /// <summary>Who the service takes the caller to be: the owner id its jobs are recorded under, and its rights.</summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<CallerInfo> GetCallerAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// bitsadmin <c>/takeownership</c>, for administrators: the job, as it is, becomes the caller's. Its destination
    /// claims move with it; a path the caller already claims refuses the change (DestinationInUse).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> TakeOwnershipAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>bitsadmin <c>/reset</c>: cancels every unfinished job of the caller, or of every owner.</summary>
    /// <param name="allOwners">Every owner's jobs; administrators only.</param>
    /// <param name="cancellationToken">Stops resetting; jobs already cancelled stay cancelled.</param>
    /// <returns>How many jobs were cancelled, and how many could not be (already final, or not answering).</returns>
    Task<ResetResult> ResetAsync(bool allOwners, CancellationToken cancellationToken = default);
}
