using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Client;

/// <summary>The <see cref="ITransferClient"/> over an Orleans grain factory (normally the <see cref="IClusterClient"/>).</summary>
/// <param name="grainFactory">Reaches the service's grains.</param>
/// <param name="options">Owner and watch settings.</param>
/// <param name="timeProvider">Clock for the watch interval.</param>
public sealed class TransferClient(IGrainFactory grainFactory, IOptions<TransferClientOptions> options, TimeProvider timeProvider)
    : ITransferClient
{
    // The catalog is a single grain: the service keeps one job listing.
    private const long CatalogKey = 0;

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
    public Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default) =>
        Job(jobId).SetPropertiesAsync(update).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        grainFactory.GetGrain<IJobCatalogGrain>(CatalogKey).ListAsync(query).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<JobInfo> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var interval = options.Value.WatchInterval;
        JobInfo? last = null;
        while (true)
        {
            var current = await GetAsync(jobId, cancellationToken);
            if (last is null || current.State != last.State || current.Progress != last.Progress)
            {
                yield return current;
            }

            if (current.State.IsSettled())
            {
                yield break;
            }

            last = current;
            await Task.Delay(interval, timeProvider, cancellationToken);
        }
    }

    private ITransferJobGrain Job(Guid jobId) => grainFactory.GetGrain<ITransferJobGrain>(jobId);
}
