using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client.Connection;
using Orleans.Transfer.Client.Http;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Client;

/// <summary>
/// The <see cref="ITransferClient"/> over the service's local API (docs/contracts.md, "Local API"): JSON over HTTP on
/// a Unix domain socket (Linux) or a named pipe (Windows). The service knows the caller from the connection itself, so
/// jobs belong to the user this process runs as. Before sending anything on a connection, the client checks that the
/// service's account serves it (root or this user on Linux; a service account on Windows) and otherwise throws
/// <see cref="TransferJobException"/> with ServiceNotTrusted. When nothing listens it throws
/// <see cref="TransferServiceUnavailableException"/>.
/// </summary>
public sealed class LocalApiTransferClient : ITransferClient, IDisposable
{
    private readonly LocalApiHttp _http;
    private readonly TimeSpan _watchInterval;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the client; no connection is made until the first call.</summary>
    /// <param name="options">Where the service listens, and the watch interval.</param>
    /// <param name="timeProvider">Times reconnections of <see cref="ObserveAsync"/>.</param>
    /// <exception cref="ArgumentException">The socket path is relative or too long.</exception>
    public LocalApiTransferClient(IOptions<LocalApiClientOptions> options, TimeProvider timeProvider)
        : this(ConnectorFor(options.Value), options.Value.WatchInterval, timeProvider)
    {
    }

    internal LocalApiTransferClient(ILocalApiConnector connector, TimeSpan watchInterval, TimeProvider timeProvider)
    {
        _http = new LocalApiHttp(connector);
        _watchInterval = watchInterval;
        _timeProvider = timeProvider;
    }

    /// <summary>The socket path or pipe this client connects to.</summary>
    public string Address => _http.Address;

    /// <inheritdoc />
    public Task<JobInfo> CreateDownloadJobAsync(
        string displayName,
        string? description = null,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default) =>
        CreateJobAsync(new CreateJobRequest(displayName, description, JobType.Download, priority, Owner: string.Empty), cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The service sets both from the connection; sending them empty says so.
        var anonymous = request with { Owner = string.Empty, Elevated = false };
        return _http.SendAsync<JobInfo>(HttpMethod.Post, LocalApiRoutes.Jobs, LocalApiHttp.Json(anonymous), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobInfo>> CreateJobsAsync(IReadOnlyList<CreateJobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);

        // As CreateJobAsync, for each job: the service sets owner and elevation from the connection.
        IReadOnlyList<CreateJobRequest> anonymous = [.. requests.Select((r, i) =>
            (r ?? throw new ArgumentException($"requests[{i}] is null.", nameof(requests))) with { Owner = string.Empty, Elevated = false })];
        return _http.SendAsync<IReadOnlyList<JobInfo>>(HttpMethod.Post, LocalApiRoutes.JobBatch, LocalApiHttp.Json(anonymous), cancellationToken);
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
        _http.SendAsync<JobReply>(HttpMethod.Get, LocalApiRoutes.Reply(jobId), null, cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> AddFilesAsync(Guid jobId, IReadOnlyList<FileSpec> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return _http.SendAsync<JobInfo>(HttpMethod.Post, LocalApiRoutes.Files(jobId), LocalApiHttp.Json(files), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> AddFileAsync(
        Guid jobId,
        string remoteUrl,
        string localPath,
        IReadOnlyList<ByteRange>? ranges = null,
        CancellationToken cancellationToken = default) =>
        AddFilesAsync(jobId, [new FileSpec(remoteUrl, localPath, ranges)], cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> ResumeAsync(Guid jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "resume", cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SuspendAsync(Guid jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "suspend", cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> CancelAsync(Guid jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "cancel", cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> CompleteAsync(Guid jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "complete", cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> TakeOwnershipAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        ActAsync(jobId, "take-ownership", cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> GetAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<JobInfo>(HttpMethod.Get, LocalApiRoutes.Job(jobId), null, cancellationToken);

    /// <inheritdoc />
    public Task<JobFilePage> GetFilesAsync(Guid jobId, int offset, int count, CancellationToken cancellationToken = default)
    {
        var route = string.Create(CultureInfo.InvariantCulture, $"{LocalApiRoutes.Files(jobId)}?offset={offset}&count={count}");
        return _http.SendAsync<JobFilePage>(HttpMethod.Get, route, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after = 0, int limit = JobLimits.MaxHistoryPageSize, CancellationToken cancellationToken = default)
    {
        var route = string.Create(CultureInfo.InvariantCulture, $"{LocalApiRoutes.History(jobId)}?after={after}&limit={limit}");
        return _http.SendAsync<JobHistoryPage>(HttpMethod.Get, route, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _http.SendAsync<JobInfo>(HttpMethod.Patch, LocalApiRoutes.Job(jobId), LocalApiHttp.Json(update), cancellationToken);
    }

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
        _http.SendAsync<JobInfo>(HttpMethod.Put, LocalApiRoutes.Notifications(jobId), LocalApiHttp.Json(settings), cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetHttpOptionsAsync(Guid jobId, HttpOptionsUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _http.SendAsync<JobInfo>(HttpMethod.Patch, LocalApiRoutes.HttpOptions(jobId), LocalApiHttp.Json(update), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> SetCredentialsAsync(Guid jobId, JobCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return _http.SendAsync<JobInfo>(HttpMethod.Put, LocalApiRoutes.Credentials(jobId), LocalApiHttp.Json(credential), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> RemoveCredentialsAsync(Guid jobId, AuthTarget target, AuthScheme scheme, CancellationToken cancellationToken = default) =>
        _http.SendAsync<JobInfo>(HttpMethod.Delete, LocalApiRoutes.Credential(jobId, target, scheme), null, cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetClientCertificateAsync(Guid jobId, ClientCertificateSpec? certificate, CancellationToken cancellationToken = default) =>
        certificate is null
            ? _http.SendAsync<JobInfo>(HttpMethod.Delete, LocalApiRoutes.ClientCertificate(jobId), null, cancellationToken)
            : _http.SendAsync<JobInfo>(HttpMethod.Put, LocalApiRoutes.ClientCertificate(jobId), LocalApiHttp.Json(certificate), cancellationToken);

    /// <inheritdoc />
    public Task<JobInfo> SetRemoteUrlAsync(Guid jobId, int fileIndex, string remoteUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remoteUrl);
        var body = LocalApiHttp.Json(new RemoteUrlChange(remoteUrl));
        return _http.SendAsync<JobInfo>(HttpMethod.Put, LocalApiRoutes.RemoteUrl(jobId, fileIndex), body, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobInfo> ReplaceRemotePrefixAsync(Guid jobId, string oldPrefix, string newPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oldPrefix);
        ArgumentNullException.ThrowIfNull(newPrefix);
        var body = LocalApiHttp.Json(new RemotePrefixChange(oldPrefix, newPrefix));
        return _http.SendAsync<JobInfo>(HttpMethod.Post, LocalApiRoutes.RemotePrefix(jobId), body, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> ObserveAsync(Guid jobId, ITransferJobObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var route = EventsRoute(jobId);
        return await LocalApiObservation.StartAsync(ct => _http.OpenEventsAsync(route, ct), observer, _timeProvider, cancellationToken);
    }

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> GetBandwidthPolicyAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<BandwidthPolicySpec>(HttpMethod.Get, LocalApiRoutes.BandwidthPolicy, null, cancellationToken);

    /// <inheritdoc />
    public Task<NetworkCost> GetNetworkCostAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<NetworkCost>(HttpMethod.Get, LocalApiRoutes.NetworkCost, null, cancellationToken);

    /// <inheritdoc />
    public Task<BandwidthPolicySpec> SetBandwidthPolicyAsync(BandwidthPolicySpec policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return _http.SendAsync<BandwidthPolicySpec>(HttpMethod.Put, LocalApiRoutes.BandwidthPolicy, LocalApiHttp.Json(policy), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var jobs = new List<JobSummary>();
        var next = query with { PageSize = JobLimits.MaxListPageSize };
        while (true)
        {
            var page = await ListPageAsync(next, cancellationToken);
            jobs.AddRange(page.Jobs);
            if (page.ContinuationToken is not { } token)
            {
                return jobs;
            }

            next = next with { ContinuationToken = token };
        }
    }

    /// <inheritdoc />
    public Task<JobListPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _http.SendAsync<JobListPage>(HttpMethod.Post, LocalApiRoutes.JobList, LocalApiHttp.Json(query), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JobEvent> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await _http.OpenEventsAsync(EventsRoute(jobId), cancellationToken);
        await foreach (var jobEvent in JobEventStream.ReadAsync(response, cancellationToken))
        {
            yield return jobEvent;
            if (jobEvent.IsSettled())
            {
                yield break;
            }
        }

        // The stream ends after a settled state; ending before one means the service went away mid-watch.
        throw new HttpIOException(HttpRequestError.ResponseEnded, $"The transfer service at {Address} ended job {jobId}'s event stream before the job settled.");
    }

    /// <inheritdoc />
    public Task<CallerInfo> GetCallerAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<CallerInfo>(HttpMethod.Get, LocalApiRoutes.Caller, null, cancellationToken);

    /// <inheritdoc />
    public Task<ResetResult> ResetAsync(bool allOwners, CancellationToken cancellationToken = default) =>
        _http.SendAsync<ResetResult>(HttpMethod.Post, LocalApiRoutes.Reset, LocalApiHttp.Json(new ResetRequest(allOwners)), cancellationToken);

    /// <summary>
    /// The running service: version, process, store profile, listening addresses, and jobs by state (the caller's own,
    /// or every owner's for an administrator, as <see cref="ServiceStatus.AllOwners"/> says).
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    public Task<ServiceStatus> GetServiceStatusAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<ServiceStatus>(HttpMethod.Get, LocalApiRoutes.ServiceStatus, null, cancellationToken);

    /// <summary>Asks the service to stop gracefully (administrators); returns once it has accepted.</summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    /// <exception cref="TransferJobException">AccessDenied: the caller is not an administrator.</exception>
    public Task StopServiceAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, LocalApiRoutes.ServiceStop, cancellationToken);

    /// <summary>
    /// A single-use login link to the service's web dashboard for the caller (docs/dashboard.md): whoever opens it
    /// first, before it expires, is logged in as the caller.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    /// <exception cref="TransferJobException">InvalidState: the dashboard is not listening (disabled, or its port was taken).</exception>
    public Task<DashboardLogin> CreateDashboardLoginAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<DashboardLogin>(HttpMethod.Post, LocalApiRoutes.DashboardLogin, null, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static ILocalApiConnector ConnectorFor(LocalApiClientOptions options) =>
        OperatingSystem.IsWindows()
            ? new NamedPipeConnector(LocalApiAddress.PipeName, new Win32PipeServerInspector())
            : new UnixSocketConnector(options.ResolveSocketPath(), UnixAccounts.EffectiveUserId());

    private Task<JobInfo> ActAsync(Guid jobId, string verb, CancellationToken cancellationToken) =>
        _http.SendAsync<JobInfo>(HttpMethod.Post, LocalApiRoutes.Action(jobId, verb), null, cancellationToken);

    private string EventsRoute(Guid jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"{LocalApiRoutes.Events(jobId)}?minIntervalMs={(long)_watchInterval.TotalMilliseconds}");
}
