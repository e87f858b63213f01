using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Placement;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.LocalPaths;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains;

/// <summary>
/// One job, as an Orleans shell: the storage write, the wake-up reminder, timer registration, and the grain interfaces.
/// What a job does lives in plain classes: <see cref="JobController"/> (caller operations), <see cref="JobHttp"/> and
/// <see cref="JobRemoteNames"/> (HTTP options, remote URLs), <see cref="JobTransitions"/> (state changes and failures,
/// with <see cref="RetryPolicy"/>), <see cref="JobRunner"/> (the transfer loop), <see cref="JobTimers"/>,
/// <see cref="JobActivation"/>, <see cref="JobNotifier"/>, <see cref="JobPersistence"/>, <see cref="JobProjector"/>, <see cref="JobReplies"/>,
/// <see cref="JobSecrets"/>, and the job's <see cref="IJobKind"/>. A job whose stored row cannot be read activates as a
/// <see cref="DamagedJob"/>.
/// </summary>
[JobHostPlacement]
internal sealed partial class TransferJobGrain : Grain, ITransferJobGrain, IJobHousekeepingGrain, IRemindable, IJobShell, ILiveProgress
{
    private const string WakeUpReminder = "wake-up";

    private readonly IPersistentState<TransferJobState> _state;
    private readonly TransferJobOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly JobProjector _projector;
    private readonly JobNotifier _notifier;
    private readonly JobPersistence _persistence;
    private readonly JobRunner _runner;
    private readonly JobController _controller;
    private readonly JobCompletion _completion;
    private readonly JobHttp _http;
    private readonly JobRemoteNames _remoteNames;
    private readonly JobTimers _timers;
    private readonly JobActivation _activation;
    private readonly JobReplies _replies;
    private readonly JobWakeUp _wakeUp;
    private readonly JobMemoryRelease _memory;

    public TransferJobGrain(
        [PersistentState(StorageNames.JobState, StorageNames.Transfer)] IPersistentState<TransferJobState> state,
        ITransferWorker worker,
        ITransferScheduler scheduler,
        INetworkMonitor network,
        INetworkCostMonitor costMonitor,
        IOptions<CostPolicyOptions> costOptions,
        INotificationDelivery delivery,
        NotificationBackOff backOff,
        WebhookDestinationPolicy webhookPolicy,
        IJobCatalog catalog,
        ISecretProtector secretProtector,
        ITransportRegistry transports,
        IClientCertificateReader certificateReader,
        JobKindRegistry kinds,
        IFileReader fileReader,
        ILocalPathChecker localPaths,
        IOptions<TransferJobOptions> options,
        JobMemoryRelease memory,
        JobHostPinning pinning,
        JobCreation creation,
        JobHistoryWriter historyWriter,
        ILocalSiloDetails siloDetails,
        IClusterMembershipService membership,
        IOptions<TransferClusterOptions> cluster,
        IOptions<TransferStorageOptions> storage,
        TimeProvider timeProvider,
        TransferInstruments instruments,
        ILogger<TransferJobGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _timeProvider = timeProvider;
        _instruments = instruments;
        _logger = logger;
        _memory = memory;

        // Storage fills the state after construction: the helpers read it through a getter, one delegate for all.
        var jobId = this.GetPrimaryKey();
        Func<TransferJobState> job = () => state.State;
        var secrets = new JobSecrets(jobId, job, secretProtector, logger);
        var costs = new JobCostPolicy(jobId, job, costMonitor, costOptions.Value);
        var silo = siloDetails.SiloAddress.ToParsableString();
        _projector = new JobProjector(jobId, job, this, costs, silo);
        _replies = new JobReplies(jobId, job, _projector, fileReader);
        var history = new JobHistory(jobId, job, historyWriter, timeProvider);
        _persistence = new JobPersistence(jobId, job, state.WriteStateAsync, secrets, _projector, catalog, _options.ProgressWriteInterval, timeProvider, logger);
        _notifier = new JobNotifier(jobId, job, _persistence.WhenWrittenAsync, _projector, secrets, history, delivery, backOff, timeProvider, logger);
        var transitions = new JobTransitions(jobId, job, this, _notifier, history, _persistence, network, costs, instruments, timeProvider, logger);
        // The completion needs the runner (Complete stops the loop) and the loop calls the completion: it is set below,
        // before the loop can run.
        _runner = new JobRunner(
            jobId, job, transitions, this, worker, scheduler, kinds, secrets, costs, _options, silo,
            s => DeclaredDead.Is(membership.CurrentSnapshot, s), () => _completion!.TransferAndCompleteAsync(), timeProvider, logger);
        _completion = new JobCompletion(jobId, job, this, transitions, _notifier, history, _persistence, _runner, kinds, JobCompletion.FencesBeforeMoves(cluster.Value, storage.Value), logger);
        var changes = new JobChanges(job, transitions, history, _persistence, _runner, _projector, timeProvider);
        _http = new JobHttp(jobId, job, secrets, changes, certificateReader, logger);
        _remoteNames = new JobRemoteNames(jobId, job, kinds, transports, changes, logger);
        _timers = new JobTimers(jobId, job, (callback, timer) => this.RegisterGrainTimer(callback, timer), this, transitions, _runner, _notifier, _persistence, network, costs, timeProvider, logger);
        _wakeUp = new JobWakeUp(
            job,
            (callback, timer) => this.RegisterGrainTimer(callback, timer),
            () => this.RegisterOrUpdateReminder(WakeUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
            UnregisterWakeUpAsync);
        _activation = new JobActivation(jobId, job, secrets, _persistence, transitions, _runner, _timers, _completion, catalog, instruments, logger);
        _controller = new JobController(
            jobId, job, () => state.State = new TransferJobState(), this, transitions, history, _runner, _persistence, _projector, _http, secrets, creation, kinds,
            _options, scheduler, worker, localPaths, webhookPolicy, pinning, instruments, timeProvider, _completion, logger);
    }

    private TransferJobState Job => _state.State;

    private Guid JobId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _activation.ActivateAsync();
        _memory.Activated();
        await _wakeUp.ActivatedAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _activation.DeactivateAsync();
            await _wakeUp.DeactivatingAsync();
        }
        finally
        {
            _memory.Deactivated();
        }
    }

    public async Task<JobInfo> CreateAsync(CreateJobRequest request)
    {
        // The new-job hint served this activation's read (ProfileGrainStorage); nothing this call starts may carry it.
        RequestContext.Remove(NewJobs.RequestContextKey);
        try
        {
            return await _controller.CreateAsync(request);
        }
        catch (InconsistentStateException)
        {
            // A caller claimed a new id whose row exists: the insert-only write refused it, and this activation, which
            // did not read that row, must not answer for the job.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<JobInfo> AddFilesAsync(IReadOnlyList<FileSpec> files) => WhenUsable(() => _controller.AddFilesAsync(files));

    public Task<JobInfo> ResumeAsync() => WhenUsable(() => _controller.ResumeAsync());

    public Task<JobInfo> SuspendAsync() => WhenUsable(() => _controller.SuspendAsync());

    public async Task<JobInfo> CancelAsync()
    {
        EnsureExists();
        if (Job.Damage is null)
        {
            return await _controller.CancelAsync();
        }

        // The write replaces the unreadable row with this cancelled job, which keeps the JobDamaged error.
        var info = await _controller.CancelAsync();
        Job.ForgetDamage();
        LogDamagedJobCancelled(_logger, JobId);
        return info;
    }

    public Task<JobInfo> TakeOwnershipAsync(string newOwner) => WhenUsable(() => _controller.TakeOwnershipAsync(newOwner));

    public Task<JobInfo> CompleteAsync() => WhenUsable(() => _controller.CompleteAsync());

    public Task<JobInfo> SetPropertiesAsync(JobPropertiesUpdate update) => WhenUsable(() => _controller.SetPropertiesAsync(update));

    public Task<JobInfo> SetNotificationsAsync(NotificationSettings? settings) => WhenUsable(() => _controller.SetNotificationsAsync(settings));

    public Task<JobInfo> SetHttpOptionsAsync(HttpOptionsUpdate update) => WhenUsable(() => _http.SetOptionsAsync(update));

    public Task<JobInfo> SetCredentialsAsync(JobCredential credential) => WhenUsable(() => _http.SetCredentialsAsync(credential));

    public Task<JobInfo> RemoveCredentialsAsync(AuthTarget target, AuthScheme scheme) =>
        WhenUsable(() => _http.RemoveCredentialsAsync(target, scheme));

    public Task<JobInfo> SetClientCertificateAsync(ClientCertificateSpec? certificate) =>
        WhenUsable(() => _http.SetClientCertificateAsync(certificate));

    public Task<JobInfo> SetRemoteUrlAsync(int fileIndex, string remoteUrl) => WhenUsable(() => _remoteNames.SetRemoteUrlAsync(fileIndex, remoteUrl));

    public Task<JobInfo> ReplaceRemotePrefixAsync(string oldPrefix, string newPrefix) =>
        WhenUsable(() => _remoteNames.ReplaceRemotePrefixAsync(oldPrefix, newPrefix));

    public Task<JobReply> GetReplyAsync()
    {
        EnsureExists();
        return _replies.GetAsync();
    }

    // Both answer what is stored: a state change's write under way is waited for (JobPersistence.WhenWrittenAsync); a
    // deferred one is not (JobCompletion.TransferAndCompleteAsync).
    public async Task<JobInfo> GetInfoAsync()
    {
        EnsureExists();
        await _persistence.WhenWrittenAsync();
        return _projector.ToInfo();
    }

    public async Task<JobFilePage> GetFilesAsync(int offset, int count)
    {
        EnsureExists();
        await _persistence.WhenWrittenAsync();
        return _projector.ToFilePage(offset, count);
    }

    public Task<JobEvent> WaitForEventAsync(JobState knownState, bool knownSettled, long knownBytes, TimeSpan minInterval, TimeSpan maxWait)
    {
        EnsureExists();
        return _notifier.WaitForEventAsync(knownState, knownSettled, knownBytes, minInterval, maxWait);
    }

    public Task<JobEvent> WaitUntilSettledAsync(TimeSpan maxWait)
    {
        EnsureExists();
        return _notifier.WaitUntilSettledAsync(maxWait);
    }

    public async Task<JobEvent> CreateAndWaitUntilSettledAsync(CreateJobRequest request, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Resume)
        {
            if (!Job.Exists)
            {
                // As a refused create: an activation that took the new-job hint did not read storage.
                DeactivateOnIdle();
            }

            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                "resume is false: a job created Suspended does not settle by itself, so the wait would not end; set Resume, or use Create and resume the job later.",
                "resume");
        }

        // Through this grain's own queue: the create is one uninterleaved turn, as the create path assumes, while this
        // call, interleaved, only waits. The new-job hint served the activation's read; the create must not carry it.
        // maxWait counts from the call, so a slow create does not stretch the call past the caller's response timeout.
        var deadline = _timeProvider.GetUtcNow() + maxWait;
        RequestContext.Remove(NewJobs.RequestContextKey);
        await this.AsReference<ITransferJobGrain>().CreateAsync(request);
        var left = deadline - _timeProvider.GetUtcNow();
        return await WaitUntilSettledAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    public Task SubscribeAsync(ITransferJobObserver observer)
    {
        EnsureExists();
        _notifier.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ITransferJobObserver observer)
    {
        _notifier.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task WakeUpAsync() => Task.CompletedTask;

    public Task ReleaseClaimsIfAbsentAsync() => Job.Exists ? _persistence.ConfirmCatalogRowAsync() : _persistence.DeleteCatalogRowAsync();

    public async Task CancelIfInactiveAsync()
    {
        if (JobHousekeeping.IsAbandoned(JobId, Job, _options, _timeProvider.GetUtcNow(), _logger))
        {
            await _controller.CancelAsync();
        }
    }

    public async Task RemoveIfExpiredAsync()
    {
        if (!JobHousekeeping.IsExpired(JobId, Job, _options, _timeProvider.GetUtcNow(), _logger))
        {
            return;
        }

        _timers.StopAll();
        await _wakeUp.RemoveAsync();

        // The row first: a job whose state outlives its row is rewritten into the catalog on activation and removed at
        // the next sweep, while a row without state would list a job that no longer exists.
        await _persistence.DeleteCatalogRowAsync();
        _instruments.JobStateChanged(Job.State, null);
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task RetryAfterNetworkReturnAsync() => _timers.RetryAfterNetworkReturnAsync();

    public Task RetryAfterCostChangeAsync() => _timers.RetryAfterCostChangeAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _wakeUp.Ticked();
        if (!JobPersistence.NeedsWakeUp(Job))
        {
            await _wakeUp.UpdateAsync();
            return;
        }

        if (Job.State.IsActive())
        {
            _timers.ResumeActiveWork();
        }

        _timers.ArmNotification();
    }

    public Task UpdateWakeUpAsync() => _wakeUp.UpdateAsync();

    private async Task UnregisterWakeUpAsync()
    {
        if (await this.GetReminder(WakeUpReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public void ArmRetryTimer() => _timers.ArmRetry();

    public void CancelRetryTimer() => _timers.CancelRetry();

    public void ArmNotificationTimer() => _timers.ArmNotification();

    public void KeepActivated(bool keep) => DelayDeactivation(keep ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);

    public void Deactivate() => DeactivateOnIdle();

    long ILiveProgress.LiveBytes(int fileIndex, long checkpointed) => _runner.LiveBytes(fileIndex, checkpointed);

    JobYieldInfo? ILiveProgress.LiveYield() => _runner.LiveYield();

    private Task<JobInfo> WhenUsable(Func<Task<JobInfo>> operation)
    {
        EnsureUsable();
        return operation();
    }

    private void EnsureUsable()
    {
        EnsureExists();
        if (Job.Damage is { } damage)
        {
            throw DamagedJob.Refusal(JobId, damage);
        }
    }

    private void EnsureExists()
    {
        if (!Job.Exists)
        {
            throw new TransferJobException(TransferErrorCode.NotFound, $"No job has the id {JobId}; list jobs with 'xfer job list --all'.", "id");
        }
    }
}
