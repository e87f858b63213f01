using System.Runtime.CompilerServices;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>An in-memory <see cref="ITransferClient"/> whose answers each test scripts.</summary>
internal sealed class FakeTransferClient : ITransferClient
{
    public static readonly Guid JobId = Guid.Parse("0b7f4c36-5a39-4c1e-9d35-1f2a3b4c5d6e");

    public JobInfo Job { get; set; } = Sample(JobState.Suspended);

    /// <summary>States <see cref="WatchAsync"/> yields in order; when empty it waits for cancellation.</summary>
    public Queue<JobState> WatchStates { get; } = new();

    public Exception? Refusal { get; set; }

    /// <summary>What <see cref="GetReplyAsync"/> answers; null throws InvalidState as the service does before the reply is whole.</summary>
    public JobReply? Reply { get; set; }

    /// <summary>Thrown by AddFiles and by a create with files, as the service does for a bad destination.</summary>
    public Exception? AddRefusal { get; set; }

    /// <summary>What Complete throws, as a service whose moves fail (B30); null: Complete succeeds.</summary>
    public Exception? CompleteRefusal { get; set; }

    public List<string> Calls { get; } = [];

    public List<FileSpec> AddedFiles { get; } = [];

    public JobListQuery? LastQuery { get; private set; }

    public CreateJobRequest? LastCreate { get; private set; }

    /// <summary>The continuation token ListPageAsync answers with.</summary>
    public string? NextPageToken { get; set; }

    /// <summary>What <see cref="SetNotificationsAsync"/> received, in order (null clears).</summary>
    public List<NotificationSettings?> SentNotifications { get; } = [];

    /// <summary>What the HTTP option calls received, in order.</summary>
    public List<HttpOptionsUpdate> SentHttp { get; } = [];

    public List<JobCredential> SentCredentials { get; } = [];

    /// <summary>What <see cref="SetClientCertificateAsync"/> received, in order (null removes).</summary>
    public List<ClientCertificateSpec?> SentCertificates { get; } = [];

    public BandwidthPolicySpec Policy { get; set; } = new();

    public NetworkCost NetworkCost { get; set; } = NetworkCost.Unknown;

    public CallerInfo Caller { get; set; } = new("unix:1001", "alice", IsAdministrator: false);

    public ResetResult ResetAnswer { get; set; } = new(0, 0);

    public TaskCompletionSource Watching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static JobInfo Sample(JobState state, JobError? error = null) => new(
        JobId,
        "nightly",
        "the nightly build",
        JobType.Download,
        state,
        JobPriority.High,
        "alice",
        new JobProgress(null, 512, 2, 1),
        [
            new JobFileInfo("https://example.com/a.bin", "/data/a.bin", [], 512, 512, true, null),
            new JobFileInfo("https://example.com/b.bin", "/data/b.bin", [new ByteRange(0, null)], null, 0, false, null),
        ],
        error,
        error is null ? 0 : 1,
        TimeSpan.FromSeconds(600),
        TimeSpan.FromDays(14),
        new JobTimes(
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            new DateTimeOffset(2025, 1, 2, 3, 5, 0, TimeSpan.Zero),
            null),
        TimeSpan.FromDays(90),
        null,
        null,
        null);

    public Task<JobInfo> CreateDownloadJobAsync(string displayName, string? description = null, JobPriority priority = JobPriority.Normal, CancellationToken cancellationToken = default) =>
        Answer($"create {displayName} {priority}");

    public Task<JobInfo> AddFilesAsync(Guid jobId, IReadOnlyList<FileSpec> files, CancellationToken cancellationToken = default)
    {
        AddedFiles.AddRange(files);
        return AddRefusal is null ? Answer("add") : Task.FromException<JobInfo>(AddRefusal);
    }

    public Task<JobInfo> AddFileAsync(Guid jobId, string remoteUrl, string localPath, IReadOnlyList<ByteRange>? ranges = null, CancellationToken cancellationToken = default) =>
        AddFilesAsync(jobId, [new FileSpec(remoteUrl, localPath, ranges)], cancellationToken);

    public Task<JobInfo> ResumeAsync(Guid jobId, CancellationToken cancellationToken = default) => Answer("resume");

    public Task<JobInfo> SuspendAsync(Guid jobId, CancellationToken cancellationToken = default) => Answer("suspend");

    public Task<JobInfo> CancelAsync(Guid jobId, CancellationToken cancellationToken = default) => Answer("cancel");

    public Task<JobInfo> CompleteAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        if (CompleteRefusal is not null)
        {
            Calls.Add("complete");
            return Task.FromException<JobInfo>(CompleteRefusal);
        }

        Job = Job with
        {
            State = JobState.Acknowledged,
            Files = [.. Job.Files.Select(f => f with { Completed = true })],
        };
        return Answer("complete");
    }

    public Task<JobInfo> GetAsync(Guid jobId, CancellationToken cancellationToken = default) => Answer("get");

    public Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default) =>
        Answer($"set {update}");

    public Task<JobInfo> SetMaxBytesPerSecondAsync(Guid jobId, long? bytesPerSecond, CancellationToken cancellationToken = default) =>
        Answer($"max-rate {bytesPerSecond}");

    public Task<JobInfo> SetNotificationsAsync(Guid jobId, NotificationSettings? settings, CancellationToken cancellationToken = default)
    {
        SentNotifications.Add(settings);
        return Answer("notify");
    }

    public Task<JobInfo> SetHttpOptionsAsync(Guid jobId, HttpOptionsUpdate update, CancellationToken cancellationToken = default)
    {
        SentHttp.Add(update);
        return Answer("set-http");
    }

    public Task<JobInfo> SetCredentialsAsync(Guid jobId, JobCredential credential, CancellationToken cancellationToken = default)
    {
        SentCredentials.Add(credential);
        return Answer("set-credentials");
    }

    public Task<JobInfo> RemoveCredentialsAsync(Guid jobId, AuthTarget target, AuthScheme scheme, CancellationToken cancellationToken = default) =>
        Answer($"remove-credentials {target} {scheme}");

    public Task<JobInfo> SetClientCertificateAsync(Guid jobId, ClientCertificateSpec? certificate, CancellationToken cancellationToken = default)
    {
        SentCertificates.Add(certificate);
        return Answer("set-client-cert");
    }

    public Task<JobInfo> SetRemoteUrlAsync(Guid jobId, int fileIndex, string remoteUrl, CancellationToken cancellationToken = default) =>
        Answer($"set-remote-url {fileIndex} {remoteUrl}");

    public Task<JobInfo> ReplaceRemotePrefixAsync(Guid jobId, string oldPrefix, string newPrefix, CancellationToken cancellationToken = default) =>
        Answer($"replace-remote-prefix {oldPrefix} {newPrefix}");

    public Task<IAsyncDisposable> ObserveAsync(Guid jobId, ITransferJobObserver observer, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The CLI does not observe jobs.");

    public Task<NetworkCost> GetNetworkCostAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("get-network-cost");
        return Task.FromResult(NetworkCost);
    }

    public Task<BandwidthPolicySpec> GetBandwidthPolicyAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("get-policy");
        return Task.FromResult(Policy);
    }

    public Task<BandwidthPolicySpec> SetBandwidthPolicyAsync(BandwidthPolicySpec policy, CancellationToken cancellationToken = default)
    {
        Calls.Add("set-policy");
        if (Refusal is not null)
        {
            return Task.FromException<BandwidthPolicySpec>(Refusal);
        }

        Policy = policy;
        return Task.FromResult(policy);
    }

    public Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        LastQuery = query;
        IReadOnlyList<JobSummary> jobs =
        [
            new JobSummary(Job.Id, Job.DisplayName, Job.State, Job.Priority, Job.Owner, Job.Progress, Job.Times.Created, Job.Times.Modified),
        ];
        return Refusal is null ? Task.FromResult(jobs) : Task.FromException<IReadOnlyList<JobSummary>>(Refusal);
    }

    public Task<JobInfo> CreateJobAsync(CreateJobRequest request, CancellationToken cancellationToken = default)
    {
        LastCreate = request;
        AddedFiles.AddRange(request.Files ?? []);
        return AddRefusal is null || request.Files is not { Count: > 0 }
            ? Answer($"create-job {request.DisplayName} {request.Priority}")
            : Task.FromException<JobInfo>(AddRefusal);
    }

    public Task<JobInfo> CreateUploadJobAsync(
        string localPath,
        string remoteUrl,
        string? replyPath = null,
        JobPriority priority = JobPriority.Normal,
        string? displayName = null,
        bool start = true,
        CancellationToken cancellationToken = default) =>
        CreateJobAsync(UploadJobRequests.Create(localPath, remoteUrl, replyPath, priority, displayName, start), cancellationToken);

    public Task<JobReply> GetReplyAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        Calls.Add("reply");
        return Reply is null
            ? Task.FromException<JobReply>(new TransferJobException(TransferErrorCode.InvalidState, $"Job {jobId} has no whole reply yet."))
            : Task.FromResult(Reply);
    }

    /// <summary>What <see cref="GetHistoryAsync"/> answers.</summary>
    public JobHistoryPage? History { get; set; }

    public Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after = 0, int limit = JobLimits.MaxHistoryPageSize, CancellationToken cancellationToken = default) =>
        Refusal is null
            ? Task.FromResult(History ?? new JobHistoryPage(jobId, [], 0, after))
            : Task.FromException<JobHistoryPage>(Refusal);

    public Task<JobFilePage> GetFilesAsync(Guid jobId, int offset, int count, CancellationToken cancellationToken = default) =>
        Refusal is null
            ? Task.FromResult(new JobFilePage(offset, Job.Files.Count, [.. Job.Files.Skip(offset).Take(count)]))
            : Task.FromException<JobFilePage>(Refusal);

    public Task<JobListPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        LastQuery = query;
        JobSummary[] jobs = [new(Job.Id, Job.DisplayName, Job.State, Job.Priority, Job.Owner, Job.Progress, Job.Times.Created, Job.Times.Modified)];
        return Refusal is null ? Task.FromResult(new JobListPage(jobs, NextPageToken)) : Task.FromException<JobListPage>(Refusal);
    }

    public async IAsyncEnumerable<JobEvent> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add("watch");
        while (WatchStates.TryDequeue(out var state))
        {
            Job = Job with { State = state };
            var p = Job.Progress;
            yield return new JobEvent(
                Job.Id, JobEventKind.JobModification, state, p.BytesTransferred, p.BytesTotal, p.FilesTransferred, p.FilesTotal, null, Job.Error?.Code, Job.Times.Modified);
            if (state.IsSettled())
            {
                yield break;
            }
        }

        Watching.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<CallerInfo> GetCallerAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("caller");
        return Refusal is null ? Task.FromResult(Caller) : Task.FromException<CallerInfo>(Refusal);
    }

    public Task<JobInfo> TakeOwnershipAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        Job = Job with { Owner = Caller.Owner };
        return Answer("take-ownership");
    }

    public Task<ResetResult> ResetAsync(bool allOwners, CancellationToken cancellationToken = default)
    {
        Calls.Add(allOwners ? "reset all" : "reset");
        return Refusal is null ? Task.FromResult(ResetAnswer) : Task.FromException<ResetResult>(Refusal);
    }

    private Task<JobInfo> Answer(string call)
    {
        Calls.Add(call);
        return Refusal is null ? Task.FromResult(Job) : Task.FromException<JobInfo>(Refusal);
    }
}
