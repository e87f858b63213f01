using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Client;

/// <summary>
/// The <see cref="ITransferClient"/> over an Orleans grain factory (normally the <see cref="IClusterClient"/>), for
/// trusted services: the caller is the configured owner, an administrator, and its jobs use the larger quota.
/// </summary>
/// <param name="grainFactory">Reaches the service's grains.</param>
/// <param name="options">Owner and watch settings.</param>
public sealed class TransferClient(IGrainFactory grainFactory, IOptions<TransferClientOptions> options)
    : ITransferClient
{
    // The catalog is a single grain: the service keeps one job listing.
    private const long CatalogKey = 0;

    // Likewise one bandwidth policy.
    private const long PolicyKey = 0;

    // The batch create is a stateless worker: any silo answers under the one key.
    private const long BatchKey = 0;

    // Each long poll returns at the latest after this: well inside Orleans' 30 s response timeout, so a quiet job is
    // never mistaken for a lost call, and a lost service is noticed within half a minute.
    private static readonly TimeSpan s_longPollWait = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public Task<JobInfo> CreateDownloadJobAsync(
        string displayName,
        string? description = null,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default)
    {
        var request = new CreateJobRequest(displayName, description, JobType.Download, priority, Owner, Elevated: true);
        return NewJobs.CreateAsync(Job(Guid.NewGuid()), request).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NewJobs.CreateAsync(Job(Guid.NewGuid()), Owned(request)).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobInfo>> CreateJobsAsync(IReadOnlyList<CreateJobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var jobs = requests.Select((r, i) => new NewJob(Guid.NewGuid(), Owned(r ?? throw new ArgumentException($"requests[{i}] is null.", nameof(requests))))).ToList();
        return grainFactory.GetGrain<IJobBatchGrain>(BatchKey).CreateAsync(jobs).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> CreateUploadJobAsync(
        string localPath,
        string remoteUrl,
        string? replyPath = null,
        JobPriority priority = JobPriority.Normal,
        string? displayName = null,
        bool start = true,
        CancellationToken cancellationToken = default) =>
        CreateJobAsync(UploadJobRequests.Create(localPath, remoteUrl, replyPath, priority, displayName, start), cancellationToken);

    /// <inheritdoc />
    public Task<JobReply> GetReplyAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).GetReplyAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> AddFilesAsync(Guid jobId, IReadOnlyList<FileSpec> files, CancellationToken cancellationToken = default) =>
        Job(jobId).AddFilesAsync(files).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> AddFileAsync(
        Guid jobId,
        string remoteUrl,
        string localPath,
        IReadOnlyList<ByteRange>? ranges = null,
        CancellationToken cancellationToken = default) =>
        AddFilesAsync(jobId, [new FileSpec(remoteUrl, localPath, ranges)], cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> ResumeAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).ResumeAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SuspendAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).SuspendAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> CancelAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).CancelAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> CompleteAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).CompleteAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> GetAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).GetInfoAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobFilePage> GetFilesAsync(Guid jobId, int offset, int count, CancellationToken cancellationToken = default) =>
        Job(jobId).GetFilesAsync(offset, count).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after = 0, int limit = JobLimits.MaxHistoryPageSize, CancellationToken cancellationToken = default)
    {
        // An unknown job is NotFound here too, not an empty history.
        await Job(jobId).GetInfoAsync().WaitAsync(cancellationToken);
        return await Catalog().GetHistoryAsync(jobId, after, limit).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default) =>
        Job(jobId).SetPropertiesAsync(update).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetMaxBytesPerSecondAsync(Guid jobId, long? bytesPerSecond, CancellationToken cancellationToken = default)
    {
        if (bytesPerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate, nameof(bytesPerSecond));
        }

        // On the wire, 0 removes the cap.
        return SetPropertiesAsync(jobId, new JobPropertiesUpdate(MaxBytesPerSecond: bytesPerSecond ?? 0), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> SetNotificationsAsync(Guid jobId, NotificationSettings? settings, CancellationToken cancellationToken = default) =>
        Job(jobId).SetNotificationsAsync(settings).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetHttpOptionsAsync(Guid jobId, HttpOptionsUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Job(jobId).SetHttpOptionsAsync(update).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> SetCredentialsAsync(Guid jobId, JobCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Job(jobId).SetCredentialsAsync(credential).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> RemoveCredentialsAsync(Guid jobId, AuthTarget target, AuthScheme scheme, CancellationToken cancellationToken = default) =>
        Job(jobId).RemoveCredentialsAsync(target, scheme).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetClientCertificateAsync(Guid jobId, ClientCertificateSpec? certificate, CancellationToken cancellationToken = default) =>
        Job(jobId).SetClientCertificateAsync(certificate).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetRemoteUrlAsync(Guid jobId, int fileIndex, string remoteUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remoteUrl);
        return Job(jobId).SetRemoteUrlAsync(fileIndex, remoteUrl).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> ReplaceRemotePrefixAsync(Guid jobId, string oldPrefix, string newPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oldPrefix);
        ArgumentNullException.ThrowIfNull(newPrefix);
        return Job(jobId).ReplaceRemotePrefixAsync(oldPrefix, newPrefix).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> ObserveAsync(Guid jobId, ITransferJobObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return await JobObservation.StartAsync(grainFactory, Job(jobId), observer, cancellationToken);
    }

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> GetBandwidthPolicyAsync(CancellationToken cancellationToken = default) =>
        Policy().GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<NetworkCost> GetNetworkCostAsync(CancellationToken cancellationToken = default) =>
        Policy().GetNetworkCostAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> SetBandwidthPolicyAsync(BandwidthPolicySpec policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Policy().SetAsync(policy).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        Catalog().ListAsync(Scoped(query)).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobListPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        Catalog().ListPageAsync(Scoped(query)).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CallerInfo> GetCallerAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new CallerInfo(Owner, Owner, IsAdministrator: true));

    /// <inheritdoc />
    public Task<JobInfo> TakeOwnershipAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).TakeOwnershipAsync(Owner).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ResetResult> ResetAsync(bool allOwners, CancellationToken cancellationToken = default)
    {
        // The pages are keyset pages (creation time, then id), so cancelling the jobs already listed moves nothing.
        var query = new JobListQuery(allOwners ? null : Owner, IncludeFinal: false, PageSize: JobLimits.MaxListPageSize);
        var (cancelled, failed) = (0, 0);
        while (true)
        {
            var page = await Catalog().ListPageAsync(query).WaitAsync(cancellationToken);
            foreach (var job in page.Jobs)
            {
                try
                {
                    await Job(job.Id).CancelAsync().WaitAsync(cancellationToken);
                    cancelled++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Finished since it was listed, or not answering: counted, and the reset goes on.
                    failed++;
                }
            }

            if (page.ContinuationToken is not { } token)
            {
                return new ResetResult(cancelled, failed);
            }

            query = query with { ContinuationToken = token };
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JobEvent> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var job = Job(jobId);
        var interval = options.Value.WatchInterval;

        // No job is ever in state -1, so the first poll answers at once with the job as it stands.
        var current = await job.WaitForEventAsync((JobState)(-1), false, -1, interval, s_longPollWait).WaitAsync(cancellationToken);
        yield return current;
        while (!current.IsSettled())
        {
            var next = await job.WaitForEventAsync(current.State, current.IsSettled(), current.BytesTransferred, interval, s_longPollWait).WaitAsync(cancellationToken);
            if ((next.State, next.IsSettled()) != (current.State, current.IsSettled())
                || (next.BytesTransferred, next.BytesTotal, next.FilesTransferred, next.FilesTotal)
                != (current.BytesTransferred, current.BytesTotal, current.FilesTransferred, current.FilesTotal))
            {
                yield return next;
            }

            current = next;
        }
    }

    /// <inheritdoc />
    public async Task<JobEvent> WaitUntilSettledAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var job = Job(jobId);
        while (true)
        {
            var current = await job.WaitUntilSettledAsync(s_longPollWait).WaitAsync(cancellationToken);
            if (current.IsSettled())
            {
                return current;
            }
        }
    }

    /// <inheritdoc />
    public async Task<JobEvent> DownloadAsync(
        string displayName,
        IReadOnlyList<FileSpec> files,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default)
    {
        var request = Owned(DownloadJobRequests.Create(displayName, files, priority, completeWhenTransferred: true));
        var first = await NewJobs.CreateAndWaitUntilSettledAsync(Job(Guid.NewGuid()), request, s_longPollWait).WaitAsync(cancellationToken);
        return first.IsSettled() ? first : await WaitUntilSettledAsync(first.JobId, cancellationToken);
    }

    private string Owner => options.Value.Owner ?? Environment.UserName;

    /// <summary>An empty owner is this client's; its jobs use the administrators' quota.</summary>
    private CreateJobRequest Owned(CreateJobRequest request) =>
        request with { Owner = string.IsNullOrEmpty(request.Owner) ? Owner : request.Owner, Elevated = true };

    private ITransferJobGrain Job(Guid jobId) => grainFactory.GetGrain<ITransferJobGrain>(jobId);

    private IJobCatalogGrain Catalog() => grainFactory.GetGrain<IJobCatalogGrain>(CatalogKey);

    // The catalog grain reads a null owner as every owner; through this client, as through the local API, it means
    // the caller's own jobs unless every owner's are asked for.
    private JobListQuery Scoped(JobListQuery query) =>
        query is { Owner: null, AllOwners: false } ? query with { Owner = Owner } : query;

    private IBandwidthPolicyGrain Policy() => grainFactory.GetGrain<IBandwidthPolicyGrain>(PolicyKey);
}
