using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
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
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// One job, as an Orleans shell: activation, the storage write, the wake-up reminder, the retry and delivery timers, and
/// the grain interfaces. What a job does lives in plain classes: <see cref="JobController"/> (caller operations),
/// <see cref="JobTransitions"/> (state changes and failures, with <see cref="RetryPolicy"/>), <see cref="JobRunner"/>
/// (the transfer loop), <see cref="JobNotifier"/>, <see cref="JobPersistence"/>, <see cref="JobProjector"/>,
/// <see cref="JobSecrets"/>, and the job's <see cref="IJobKind"/>. A job whose stored row cannot be read activates as a
/// <see cref="DamagedJob"/>.
/// </summary>
internal sealed partial class TransferJobGrain : Grain, ITransferJobGrain, IJobHousekeepingGrain, IRemindable, IJobShell, ILiveProgress
{
    private const string WakeUpReminder = "wake-up";

    private readonly IPersistentState<TransferJobState> _state;
    private readonly INetworkMonitor _network;
    private readonly TransferJobOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly IJobCatalog _catalog;
    private readonly JobSecrets _secrets;
    private readonly JobProjector _projector;
    private readonly JobNotifier _notifier;
    private readonly JobPersistence _persistence;
    private readonly JobTransitions _transitions;
    private readonly JobRunner _runner;
    private readonly JobController _controller;
    private readonly JobHttp _http;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _notifyTimer;

    public TransferJobGrain(
        [PersistentState(StorageNames.JobState, StorageNames.Transfer)] IPersistentState<TransferJobState> state,
        ITransferWorker worker,
        ITransferScheduler scheduler,
        INetworkMonitor network,
        INotificationDelivery delivery,
        NotificationBackOff backOff,
        WebhookDestinationPolicy webhookPolicy,
        IJobCatalog catalog,
        ISecretProtector secretProtector,
        JobKindRegistry kinds,
        IOptions<TransferJobOptions> options,
        TimeProvider timeProvider,
        TransferInstruments instruments,
        ILogger<TransferJobGrain> logger)
    {
        _state = state;
        _network = network;
        _options = options.Value;
        _timeProvider = timeProvider;
        _instruments = instruments;
        _logger = logger;
        _catalog = catalog;

        // Storage fills the state after construction: the helpers read it through a getter.
        var jobId = this.GetPrimaryKey();
        TransferJobState Job() => state.State;
        _secrets = new JobSecrets(jobId, Job, secretProtector, logger);
        _http = new JobHttp(jobId);
        _projector = new JobProjector(jobId, Job, this);
        _notifier = new JobNotifier(jobId, Job, _projector, _secrets, delivery, backOff, timeProvider, logger);
        _persistence = new JobPersistence(jobId, Job, state.WriteStateAsync, _secrets, _projector, catalog, timeProvider, logger);
        _transitions = new JobTransitions(jobId, Job, this, _notifier, _persistence, network, instruments, timeProvider, logger);
        _runner = new JobRunner(jobId, Job, _transitions, worker, scheduler, kinds, _options, timeProvider, logger);
        _controller = new JobController(
            jobId, Job, () => state.State = new TransferJobState(), this, _transitions, _runner, _persistence, _projector, kinds,
            _options, scheduler, worker, webhookPolicy, instruments, timeProvider, logger);
    }

    private TransferJobState Job => _state.State;

    private Guid JobId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Job.Exists)
        {
            return;
        }

        _instruments.JobStateChanged(null, Job.State);
        if (Job.Damage is not null)
        {
            await OpenDamagedAsync();
            return;
        }

        if (_secrets.HasPlaintext)
        {
            // Stored in plain text by an earlier version: the write encrypts it, and the row no longer holds it.
            await _persistence.WriteStateAsync();
            LogPlaintextSecretProtected(_logger, JobId);
        }

        // The catalog may have missed the last write before a crash; the grain state is the truth.
        await _persistence.UpsertCatalogIfDueAsync();
        if (Job.State.IsActive())
        {
            LogResumingAfterActivation(_logger, JobId, Job.State);
            if (Job.State is JobState.Connecting or JobState.Transferring)
            {
                // The previous activation died mid-transfer; until the scheduler gives it a slot again, it is queued.
                await _transitions.ChangeStateAsync(JobState.Queued);
            }

            ResumeActiveWork();
        }

        ArmNotificationTimer();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _runner.StopAsync();
        CancelRetryTimer();
        _notifyTimer?.Dispose();
        _notifyTimer = null;
        if (!Job.Exists)
        {
            return;
        }

        if (JobPersistence.IsRunnable(Job.State))
        {
            // Completed small files and runnable-state moves may not be written yet.
            await _persistence.PersistAsync();
        }

        _instruments.JobStateChanged(Job.State, null);
    }

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

    public Task<JobInfo> SetRemoteUrlAsync(int fileIndex, string remoteUrl) => WhenUsable(() => _http.SetRemoteUrlAsync(fileIndex, remoteUrl));

    public Task<JobInfo> ReplaceRemotePrefixAsync(string oldPrefix, string newPrefix) =>
        WhenUsable(() => _http.ReplaceRemotePrefixAsync(oldPrefix, newPrefix));

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

    public Task ReleaseClaimsIfAbsentAsync() => Job.Exists ? Task.CompletedTask : _persistence.ReleaseDestinationsAsync();

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

        CancelRetryTimer();
        _notifyTimer?.Dispose();
        _notifyTimer = null;
        await UnregisterWakeUpAsync();

        // The row first: a job whose state outlives its row is rewritten into the catalog on activation and removed at
        // the next sweep, while a row without state would list a job that no longer exists.
        await _persistence.DeleteCatalogRowAsync();
        _instruments.JobStateChanged(Job.State, null);
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>B19: when the network returns, jobs in TransientError because of it are queued again at once.</summary>
    public async Task RetryAfterNetworkReturnAsync()
    {
        if (!RetryPolicy.RetriesWhenNetworkReturns(Job))
        {
            return;
        }

        CancelRetryTimer();
        Job.NextRetryAt = null;
        LogNetworkReturned(_logger, JobId);
        await _transitions.ChangeStateAsync(JobState.Queued);
        _runner.StartIfNeeded();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!JobPersistence.NeedsWakeUp(Job))
        {
            await UnregisterWakeUpAsync();
            return;
        }

        if (Job.State.IsActive())
        {
            ResumeActiveWork();
        }

        ArmNotificationTimer();
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

    public void ArmRetryTimer()
    {
        CancelRetryTimer();
        _retryTimer = this.RegisterGrainTimer(RetryDueAsync, Options(DueIn(Job.NextRetryAt), interleave: false));
    }

    public void CancelRetryTimer()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
    }

    public void ArmNotificationTimer()
    {
        if (_notifier.NextDeliveryDue is not { } due)
        {
            return;
        }

        _notifyTimer?.Dispose();

        // Interleaved: a command may run for minutes, and it may well call back into this job (xfer job complete %id%).
        _notifyTimer = this.RegisterGrainTimer(DeliverDueNotificationsAsync, Options(DueIn(due), interleave: true));
    }

    long ILiveProgress.LiveBytes(int fileIndex, long checkpointed) => _runner.LiveBytes(fileIndex, checkpointed);

    /// <summary>Continues whatever an active job was doing: transfer now, or wait for its retry time.</summary>
    private void ResumeActiveWork()
    {
        if (Job.State != JobState.TransientError)
        {
            _runner.StartIfNeeded();
        }
        else if (!RetryPolicy.WaitsForNetwork(Job) || _network.IsAvailable)
        {
            // A job waiting for the network has no retry time: it goes again once this silo sees the network.
            ArmRetryTimer();
        }
    }

    private async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        CancelRetryTimer();
        if (Job.State != JobState.TransientError)
        {
            return;
        }

        Job.NextRetryAt = null;
        await _transitions.ChangeStateAsync(JobState.Queued);
        _runner.StartIfNeeded();
    }

    private async Task DeliverDueNotificationsAsync(CancellationToken cancellationToken)
    {
        if (!await _notifier.DeliverDueAsync(RecordDeliveriesAsync, cancellationToken))
        {
            return;
        }

        ArmNotificationTimer();
    }

    private async Task RecordDeliveriesAsync()
    {
        await _persistence.PersistAsync();
        await UpdateWakeUpAsync();
    }

    private TimeSpan DueIn(DateTimeOffset? at)
    {
        var due = (at ?? _timeProvider.GetUtcNow()) - _timeProvider.GetUtcNow();
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    private static GrainTimerCreationOptions Options(TimeSpan dueTime, bool interleave) =>
        new() { DueTime = dueTime, Period = Timeout.InfiniteTimeSpan, Interleave = interleave, KeepAlive = true };

    /// <summary>The catalog row shows a damaged job in Error, under the owner it had there if the row no longer names one.</summary>
    private async Task OpenDamagedAsync()
    {
        LogJobStateUnreadable(_logger, JobId, Job.Damage!);
        await DamagedJob.CompleteFromCatalogAsync(JobId, Job, _catalog);
        await _persistence.UpsertCatalogIfDueAsync();
    }

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
