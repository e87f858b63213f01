using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.Kinds;
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
    private readonly JobHttp _http;
    private readonly JobRemoteNames _remoteNames;
    private readonly JobTimers _timers;
    private readonly JobActivation _activation;
    private readonly JobReplies _replies;

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
        IOptions<TransferJobOptions> options,
        TimeProvider timeProvider,
        TransferInstruments instruments,
        ILogger<TransferJobGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _timeProvider = timeProvider;
        _instruments = instruments;
        _logger = logger;

        // Storage fills the state after construction: the helpers read it through a getter.
        var jobId = this.GetPrimaryKey();
        TransferJobState Job() => state.State;
        var secrets = new JobSecrets(jobId, Job, secretProtector, logger);
        var costs = new JobCostPolicy(jobId, Job, costMonitor, costOptions.Value);
        _projector = new JobProjector(jobId, Job, this, costs);
        _replies = new JobReplies(jobId, Job, _projector, fileReader);
        _notifier = new JobNotifier(jobId, Job, _projector, secrets, delivery, backOff, timeProvider, logger);
        _persistence = new JobPersistence(jobId, Job, state.WriteStateAsync, secrets, _projector, catalog, timeProvider, logger);
        var transitions = new JobTransitions(jobId, Job, this, _notifier, _persistence, network, costs, instruments, timeProvider, logger);
        _runner = new JobRunner(jobId, Job, transitions, worker, scheduler, kinds, secrets, costs, _options, timeProvider, logger);
        var changes = new JobChanges(Job, transitions, _persistence, _runner, _projector, timeProvider);
        _http = new JobHttp(jobId, Job, secrets, changes, certificateReader, logger);
        _remoteNames = new JobRemoteNames(jobId, Job, kinds, transports, changes, logger);
        _timers = new JobTimers(jobId, Job, (callback, timer) => this.RegisterGrainTimer(callback, timer), this, transitions, _runner, _notifier, _persistence, network, costs, timeProvider, logger);
        _activation = new JobActivation(jobId, Job, secrets, _persistence, transitions, _runner, _timers, catalog, instruments, logger);
        _controller = new JobController(
            jobId, Job, () => state.State = new TransferJobState(), this, transitions, _runner, _persistence, _projector, _http, kinds,
            _options, scheduler, worker, webhookPolicy, instruments, timeProvider, logger);
    }

    private TransferJobState Job => _state.State;

    private Guid JobId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _activation.ActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _activation.DeactivateAsync();

    public Task<JobInfo> CreateAsync(CreateJobRequest request) => _controller.CreateAsync(request);

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

    public Task<JobInfo> GetInfoAsync()
    {
        EnsureExists();
        return Task.FromResult(_projector.ToInfo());
    }

    public Task<JobFilePage> GetFilesAsync(int offset, int count)
    {
        EnsureExists();
        return Task.FromResult(_projector.ToFilePage(offset, count));
    }

    public Task<JobEvent> WaitForEventAsync(JobState knownState, long knownBytes, TimeSpan minInterval, TimeSpan maxWait)
    {
        EnsureExists();
        return _notifier.WaitForEventAsync(knownState, knownBytes, minInterval, maxWait);
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
        await UnregisterWakeUpAsync();

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
        if (!JobPersistence.NeedsWakeUp(Job))
        {
            await UnregisterWakeUpAsync();
            return;
        }

        if (Job.State.IsActive())
        {
            _timers.ResumeActiveWork();
        }

        _timers.ArmNotification();
    }

    public Task RegisterWakeUpAsync() => this.RegisterOrUpdateReminder(WakeUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public async Task UnregisterWakeUpAsync()
    {
        if (await this.GetReminder(WakeUpReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task UpdateWakeUpAsync()
    {
        var registered = await this.GetReminder(WakeUpReminder) is not null;
        var needed = JobPersistence.NeedsWakeUp(Job);
        if (needed && !registered)
        {
            await RegisterWakeUpAsync();
        }
        else if (!needed && registered)
        {
            await UnregisterWakeUpAsync();
        }
    }

    public void ArmRetryTimer() => _timers.ArmRetry();

    public void CancelRetryTimer() => _timers.CancelRetry();

    public void ArmNotificationTimer() => _timers.ArmNotification();

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
