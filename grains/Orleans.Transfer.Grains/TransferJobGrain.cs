using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// One job: its ordered files and its BITS state machine. Caller operations are grain calls; the transfer itself runs
/// as one background loop per activation (see TransferJobGrain.Run.cs) that drives the silo-local transfer worker.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The run's CancellationTokenSource is disposed by StopRunAsync, which OnDeactivateAsync calls.")]
internal sealed partial class TransferJobGrain(
    [PersistentState(StorageNames.JobState, StorageNames.Transfer)] IPersistentState<TransferJobState> state,
    ITransferWorker worker,
    ITransferScheduler scheduler,
    INetworkMonitor network,
    INotificationDelivery delivery,
    NotificationBackOff backOff,
    IJobCatalog catalog,
    IOptions<TransferJobOptions> jobOptions,
    TimeProvider timeProvider,
    ILogger<TransferJobGrain> logger) : Grain, ITransferJobGrain, IJobHousekeepingGrain, IRemindable
{
    private TransferJobState Job => state.State;

    private Guid JobId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Job.Exists)
        {
            return;
        }

        // The catalog may have missed the last write before a crash; the grain state is the truth.
        await UpsertCatalogIfDueAsync();
        if (Job.State.IsActive())
        {
            LogResumingAfterActivation(logger, JobId, Job.State);
            if (Job.State is JobState.Connecting or JobState.Transferring)
            {
                // The previous activation died mid-transfer; until the scheduler gives it a slot again, it is queued.
                await ChangeStateAsync(JobState.Queued);
            }

            ResumeActiveWork();
        }

        ArmNotificationTimer();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopRunAsync();
        DisposeRetryTimer();
        DisposeNotificationTimer();
        if (Job.Exists && IsRunnable(Job.State))
        {
            // Completed small files and runnable-state moves may not be written yet.
            await PersistAsync();
        }
    }

    public async Task<JobInfo> CreateAsync(CreateJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Job.Exists)
        {
            throw new TransferJobException(TransferErrorCode.AlreadyExists, $"Job {JobId} already exists; create jobs with a new id.");
        }

        JobInputValidator.ValidateDisplayName(request.DisplayName);
        JobInputValidator.ValidateDescription(request.Description);
        JobInputValidator.ValidatePriority(request.Priority);
        if (request.Type != JobType.Download)
        {
            throw new TransferJobException(
                TransferErrorCode.NotSupported,
                $"type {request.Type} is not supported yet; only Download jobs can be created.",
                "type");
        }

        if (string.IsNullOrWhiteSpace(request.Owner))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "owner is required.", "owner");
        }

        var counts = await catalog.CountUnfinishedAsync(request.Owner);
        var limits = jobOptions.Value;
        if (counts.Owner >= limits.MaxJobsPerOwner)
        {
            throw new TransferJobException(
                TransferErrorCode.TooManyJobsPerOwner,
                $"{request.Owner} already has {counts.Owner} unfinished jobs, the limit ({TransferJobOptions.SectionName}:MaxJobsPerOwner); complete or cancel some first.",
                "owner");
        }

        if (counts.All >= limits.MaxJobs)
        {
            throw new TransferJobException(
                TransferErrorCode.TooManyJobs,
                $"The service already holds {counts.All} unfinished jobs, the limit ({TransferJobOptions.SectionName}:MaxJobs); complete or cancel some first.");
        }

        var now = timeProvider.GetUtcNow();
        Job.Exists = true;
        Job.LastActivityAt = now;
        Job.DisplayName = request.DisplayName;
        Job.Description = request.Description ?? "";
        Job.Type = request.Type;
        Job.Priority = request.Priority;
        Job.Owner = request.Owner;
        Job.State = JobState.Suspended;
        Job.Created = now;
        await PersistAsync();
        LogJobCreated(logger, JobId, Job.DisplayName, Job.Owner);
        return ToInfo();
    }

    public async Task<JobInfo> AddFilesAsync(IReadOnlyList<FileSpec> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        EnsureExists();
        JobStateMachine.EnsureNotFinal(Job.State, "add files to");
        if (files.Count == 0)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "files is empty; pass at least one file.", "files");
        }

        var maxFiles = jobOptions.Value.MaxFilesPerJob;
        if (Job.Files.Count + files.Count > maxFiles)
        {
            throw new TransferJobException(
                TransferErrorCode.TooManyFiles,
                $"The job has {Job.Files.Count} files and {files.Count} more would pass the limit of {maxFiles} ({TransferJobOptions.SectionName}:MaxFilesPerJob); use another job.",
                "files");
        }

        var validated = files.Select((f, i) => JobInputValidator.ValidateFile(f, i)).ToList();
        var paths = validated.Select(v => v.LocalPath).ToList();
        var duplicate = paths
            .Select((p, i) => (Path: p, Index: i))
            .FirstOrDefault(x => paths.Take(x.Index).Contains(x.Path) || Job.Files.Any(f => f.LocalPath == x.Path));
        if (duplicate.Path is not null)
        {
            throw new TransferJobException(
                TransferErrorCode.DestinationInUse,
                $"files[{duplicate.Index}].localPath '{duplicate.Path}' is already a destination in this job.",
                $"files[{duplicate.Index}].localPath");
        }

        var taken = await catalog.TryClaimDestinationsAsync(JobId, paths);
        if (taken is not null)
        {
            var index = paths.IndexOf(taken);
            throw new TransferJobException(
                TransferErrorCode.DestinationInUse,
                $"files[{index}].localPath '{taken}' is the destination of another unfinished job; complete or cancel that job, or choose another path.",
                $"files[{index}].localPath");
        }

        for (var i = 0; i < validated.Count; i++)
        {
            Job.Files.Add(new JobFileState
            {
                RemoteUrl = validated[i].RemoteUrl,
                LocalPath = validated[i].LocalPath,
                TempPath = TempFileNames.For(validated[i].LocalPath, JobId),
                Ranges = files[i].Ranges?.ToList() ?? [],
            });
        }

        Job.LastActivityAt = timeProvider.GetUtcNow();
        RaiseEvent(JobEventKind.JobModification);
        await PersistAsync();
        LogFilesAdded(logger, JobId, files.Count, Job.Files.Count);
        return ToInfo();
    }

    public async Task<JobInfo> ResumeAsync()
    {
        EnsureExists();
        var target = JobStateMachine.Resume(Job.State, Job.Files.Count, Job.Files.TrueForAll(f => f.Completed));
        if (target == Job.State)
        {
            return ToInfo();
        }

        await StopRunAsync();
        DisposeRetryTimer();
        Job.Error = null;
        Job.NextRetryAt = null;
        Job.DownloadTimeUsed = TimeSpan.Zero;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        await ChangeStateAsync(target);
        StartRunIfNeeded();
        return ToInfo();
    }

    public async Task<JobInfo> SuspendAsync()
    {
        EnsureExists();
        var target = JobStateMachine.Suspend(Job.State);
        if (target == Job.State)
        {
            return ToInfo();
        }

        await StopRunAsync();
        DisposeRetryTimer();
        Job.NextRetryAt = null;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        await ChangeStateAsync(target);
        return ToInfo();
    }

    public Task WakeUpAsync() => Task.CompletedTask;

    public async Task CancelIfInactiveAsync()
    {
        var idle = timeProvider.GetUtcNow() - Job.LastActivityAt;
        if (!Job.Exists || Job.State.IsFinal() || idle < jobOptions.Value.JobInactivityTimeout)
        {
            return;
        }

        LogCancelledForInactivity(logger, JobId, idle);
        await CancelAsync();
    }

    public Task<JobInfo> GetInfoAsync()
    {
        EnsureExists();
        return Task.FromResult(ToInfo());
    }

    private void EnsureExists()
    {
        if (!Job.Exists)
        {
            throw new TransferJobException(TransferErrorCode.NotFound, $"No job has the id {JobId}; list jobs with 'xfer job list --all'.", "id");
        }
    }
}
