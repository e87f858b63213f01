using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Client;

/// <summary>The <see cref="ITransferClient"/> over an Orleans grain factory (normally the <see cref="IClusterClient"/>).</summary>
/// <param name="grainFactory">Reaches the service's grains.</param>
/// <param name="options">Owner and watch settings.</param>
public sealed class TransferClient(IGrainFactory grainFactory, IOptions<TransferClientOptions> options)
    : ITransferClient
{
    // The catalog is a single grain: the service keeps one job listing.
    private const long CatalogKey = 0;

    // Likewise one bandwidth policy.
    private const long PolicyKey = 0;

    // Each long poll returns at the latest after this, so a watcher notices a lost service within a minute.
    private static readonly TimeSpan s_longPollWait = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public Task<JobInfo> CreateDownloadJobAsync(
        string displayName,
        string? description = null,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default)
    {
        var owner = options.Value.Owner ?? Environment.UserName;
        var request = new CreateJobRequest(displayName, description, JobType.Download, priority, owner);
        return Job(Guid.NewGuid()).CreateAsync(request).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = string.IsNullOrEmpty(request.Owner) ? request with { Owner = options.Value.Owner ?? Environment.UserName } : request;
        return Job(Guid.NewGuid()).CreateAsync(owned).WaitAsync(cancellationToken);
    }

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
    public async Task<IAsyncDisposable> ObserveAsync(Guid jobId, ITransferJobObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return await JobObservation.StartAsync(grainFactory, Job(jobId), observer, cancellationToken);
    }

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> GetBandwidthPolicyAsync(CancellationToken cancellationToken = default) =>
        Policy().GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> SetBandwidthPolicyAsync(BandwidthPolicySpec policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Policy().SetAsync(policy).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        grainFactory.GetGrain<IJobCatalogGrain>(CatalogKey).ListAsync(query).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobListPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        grainFactory.GetGrain<IJobCatalogGrain>(CatalogKey).ListPageAsync(query).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<JobEvent> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var job = Job(jobId);
        var interval = options.Value.WatchInterval;

        // No job is ever in state -1, so the first poll answers at once with the job as it stands.
        var current = await job.WaitForEventAsync((JobState)(-1), -1, interval, s_longPollWait).WaitAsync(cancellationToken);
        yield return current;
        while (!current.State.IsSettled())
        {
            var next = await job.WaitForEventAsync(current.State, current.BytesTransferred, interval, s_longPollWait).WaitAsync(cancellationToken);
            if (next.State != current.State
                || (next.BytesTransferred, next.BytesTotal, next.FilesTransferred, next.FilesTotal)
                != (current.BytesTransferred, current.BytesTotal, current.FilesTransferred, current.FilesTotal))
            {
                yield return next;
            }

            current = next;
        }
    }

    private ITransferJobGrain Job(Guid jobId) => grainFactory.GetGrain<ITransferJobGrain>(jobId);

    private IBandwidthPolicyGrain Policy() => grainFactory.GetGrain<IBandwidthPolicyGrain>(PolicyKey);
}
