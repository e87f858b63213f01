using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Placement;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// What callers do to a job (B09, B14, B26–B30, B43–B44): each operation is validated completely before it changes
/// anything. The grain checks that the job exists and forwards; state changes go through <see cref="JobTransitions"/>.
/// </summary>
internal sealed partial class JobController(
    Guid jobId,
    Func<TransferJobState> job,
    Action resetState,
    IJobShell shell,
    JobTransitions transitions,
    JobHistory history,
    JobRunner runner,
    JobPersistence persistence,
    JobProjector projector,
    JobHttp http,
    JobSecrets secrets,
    JobCreation creation,
    JobKindRegistry kinds,
    TransferJobOptions options,
    ITransferScheduler scheduler,
    ITransferWorker worker,
    ILocalPathChecker localPaths,
    WebhookDestinationPolicy webhookPolicy,
    JobHostPinning pinning,
    TransferInstruments instruments,
    TimeProvider timeProvider,
    JobCompletion completion,
    ILogger logger)
{
    private readonly JobReservations reservations = new(job, persistence, completion, options);
    private readonly JobOwnership ownership = new(jobId, job, transitions, history, runner, persistence, projector, http, completion, options, timeProvider, logger);

    private TransferJobState Job => job();

    public async Task<JobInfo> CreateAsync(CreateJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Job.Exists)
        {
            throw new TransferJobException(TransferErrorCode.AlreadyExists, $"Job {jobId} already exists; create jobs with a new id.");
        }

        // Everything is checked before anything is written: bad input leaves no job, no catalog row and no claim.
        var draft = creation.Prepare(jobId, request, secrets);

        // Last, as the only check that touches the disk: with the owner's rights, off the grain, one trip for all files.
        await localPaths.CheckAsync(request.Owner, draft.LocalPaths);

        var initial = creation.Fill(Job, draft);
        runner.RecordCreatingSilo();
        try
        {
            await reservations.CreateAsync(request.Elevated);
        }
        catch
        {
            // Refused or failed, the one transaction wrote nothing (no state, row or claim): the job does not exist.
            resetState();
            throw;
        }

        await shell.UpdateWakeUpAsync();
        instruments.JobStateChanged(null, initial);
        history.Record(JobHistoryKind.Created, JobCreation.CreatedMessage(Job, initial));
        LogJobCreated(logger, jobId, Job.DisplayName, Job.Owner);
        runner.StartIfNeeded();
        return projector.ToInfo();
    }

    public async Task<JobInfo> AddFilesAsync(IReadOnlyList<FileSpec> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        JobStateMachine.EnsureNotFinal(Job.State, "add files to");
        if (files.Count == 0)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "files is empty; pass at least one file.", "files");
        }

        var kind = kinds.Get(Job.Type);
        var prepared = NewFiles.Prepare(kind, jobId, new JobFilesContext(Job.Files.Count, Job.ReplyPath), files, Job.Files, options.MaxFilesPerJob);
        JobHttpRules.CheckRanges(Job.Http, prepared);

        // The run loop goes on at these awaits, and a job that completes itself may end meanwhile: asked again after
        // each (its completion waited for), such a job refuses the files as it would have at the start.
        await localPaths.CheckAsync(Job.Owner, kind.LocalPaths(prepared, null));
        await completion.WhenIdleAsync();
        JobStateMachine.EnsureNotFinal(Job.State, "add files to");
        await reservations.ClaimDestinationsAsync(Job.Owner, prepared);
        await reservations.ReleaseIfEndedAsync();
        JobStateMachine.EnsureNotFinal(Job.State, "add files to");
        Job.Files.AddRange(prepared);
        if (Job.PinnedHost is null && pinning.PinFor(prepared.Select(f => f.LocalPath)) is { } host)
        {
            // From now on only this host's silos may run the job (its new files are on this host's disk).
            Job.PinnedHost = host;
            persistence.CatalogRowChanged();
        }

        Job.LastActivityAt = timeProvider.GetUtcNow();
        transitions.Raise(JobEventKind.JobModification);
        await persistence.PersistAsync();
        if (Job.Http is { Credentials.Count: > 0 })
        {
            // A running flight sends server credentials only to the hosts it knew at its start; the new files may add one.
            await runner.RestartAsync();
        }

        history.Record(JobHistoryKind.FilesAdded, $"{files.Count} file(s) added; the job has {Job.Files.Count}");
        LogFilesAdded(logger, jobId, files.Count, Job.Files.Count);
        return projector.ToInfo();
    }

    public async Task<JobInfo> ResumeAsync()
    {
        var target = JobStateMachine.Resume(Job.State, Job.Files.Count, Job.Files.TrueForAll(f => f.Completed));
        if (target == Job.State)
        {
            return projector.ToInfo();
        }

        await runner.StopAsync();
        shell.CancelRetryTimer();
        Job.Error = null;
        Job.NextRetryAt = null;
        Job.DownloadTimeUsed = TimeSpan.Zero;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        await transitions.ChangeStateAsync(target);
        runner.StartIfNeeded();
        return projector.ToInfo();
    }

    public async Task<JobInfo> SuspendAsync()
    {
        var target = JobStateMachine.Suspend(Job.State);
        if (target == Job.State)
        {
            return projector.ToInfo();
        }

        await runner.StopAsync();

        // The loop's last act may have been to complete the job (CompleteWhenTransferred): refused as if after it.
        JobStateMachine.EnsureNotFinal(Job.State, "suspend");
        shell.CancelRetryTimer();
        Job.NextRetryAt = null;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        await transitions.ChangeStateAsync(target);
        return projector.ToInfo();
    }

    /// <summary>
    /// B27, B36, B44: Cancel lets go of what unfinished files hold on their remotes (an upload's session) and deletes
    /// the temporary data of every file not yet in place.
    /// </summary>
    public async Task<JobInfo> CancelAsync()
    {
        JobStateMachine.EnsureNotFinal(Job.State, "cancel");
        await runner.StopAsync();

        // The loop's last act may have been to complete the job (CompleteWhenTransferred): refused as if after it.
        var target = JobStateMachine.Cancel(Job.State);
        shell.CancelRetryTimer();
        var kind = kinds.Get(Job.Type);
        var requests = runner.PrepareRequests();
        for (var i = 0; i < Job.Files.Count; i++)
        {
            if (!Job.Files[i].InPlace)
            {
                await kind.ReleaseAsync(jobId, Job.Owner, Job.Files[i], requests.Create(i));
            }
        }

        await transitions.ChangeStateAsync(target);
        LogJobEnded(logger, jobId, target);
        return projector.ToInfo();
    }

    /// <summary>bitsadmin /takeownership (<see cref="JobOwnership"/>).</summary>
    public Task<JobInfo> TakeOwnershipAsync(string newOwner) => ownership.TakeAsync(newOwner);

    /// <summary>
    /// B26, B43, B30: Complete keeps finished files, discards the rest; a failed move leaves the job as it was. A job the
    /// service completed itself (CompleteWhenTransferred) answers as it is, also when that happened while this call
    /// waited for the run loop to stop.
    /// </summary>
    public async Task<JobInfo> CompleteAsync()
    {
        // Asked here and again after the loop stopped, both needed: here, or the state machine refuses the completed
        // job (InvalidState); again, for a completion the loop finished while this call waited for it to stop.
        if (Job is { State: JobState.Acknowledged, CompleteWhenTransferred: true })
        {
            return projector.ToInfo();
        }

        var kind = kinds.Get(Job.Type);
        var target = JobStateMachine.Complete(Job.State, kind.CompletesOnlyWhenTransferred);
        await runner.StopAsync();
        if (Job.State == JobState.Acknowledged)
        {
            return projector.ToInfo();
        }

        shell.CancelRetryTimer();
        await completion.FenceAsync();
        await completion.MoveFilesAsync();
        await transitions.ChangeStateAsync(target);
        LogJobEnded(logger, jobId, target);
        return projector.ToInfo();
    }

    /// <summary>B09: validated first, applied together, live transfers told at once.</summary>
    public async Task<JobInfo> SetPropertiesAsync(JobPropertiesUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        JobStateMachine.EnsureNotFinal(Job.State, "change");
        JobInputValidator.ValidateUpdate(update);
        Job.DisplayName = update.DisplayName ?? Job.DisplayName;
        Job.Description = update.Description ?? Job.Description;
        if (update.Priority is { } priority && priority != Job.Priority)
        {
            Job.Priority = priority;
            scheduler.ChangePriority(jobId, priority);
        }

        if (update.MaxBytesPerSecond is { } rate)
        {
            Job.MaxBytesPerSecond = rate == 0 ? null : rate;
        }

        worker.UpdateJob(jobId, Job.Priority, Job.MaxBytesPerSecond);
        transitions.Raise(JobEventKind.JobModification);
        Job.MinimumRetryDelay = update.MinimumRetryDelay ?? Job.MinimumRetryDelay;
        Job.NoProgressTimeout = update.NoProgressTimeout ?? Job.NoProgressTimeout;
        Job.MaxDownloadTime = update.MaxDownloadTime ?? Job.MaxDownloadTime;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        runner.ChangeCostPolicy(update);
        // True on a Transferred job completes it at once, also after the service's completion of it failed: the owner
        // asks again. Set either way, the property starts afresh, without the failed completion's mark.
        var completeNow = update.CompleteWhenTransferred is true
            && Job.State == JobState.Transferred
            && !Job.CompletesItself;
        if (update.CompleteWhenTransferred is { } completeWhenTransferred)
        {
            Job.CompleteWhenTransferred = completeWhenTransferred;
            Job.CompletionFailed = false;
        }

        history.Record(JobHistoryKind.PropertiesChanged, $"Properties set: priority {Job.Priority}, name '{Job.DisplayName}'");

        // The catalog lists name and priority: a change must show at once, not at the next progress write.
        persistence.CatalogRowChanged();
        await persistence.PersistAsync();
        if (completeNow)
        {
            await completion.CompleteAfterOwnWriteAsync();
        }

        return projector.ToInfo();
    }

    public async Task<JobInfo> SetNotificationsAsync(NotificationSettings? settings)
    {
        JobStateMachine.EnsureNotFinal(Job.State, "change the notifications of");
        settings?.Validate();
        webhookPolicy.Validate(settings);

        // The new settings replace the old secret too; theirs, if any, is encrypted by the write below.
        Job.ProtectedWebhookSecret = null;
        Job.Notifications = settings;
        Job.LastActivityAt = timeProvider.GetUtcNow();
        transitions.Raise(JobEventKind.JobModification);
        history.Record(JobHistoryKind.PropertiesChanged, settings is null ? "Notifications removed" : "Notifications set");
        await persistence.PersistAsync();
        await shell.UpdateWakeUpAsync();
        return projector.ToInfo();
    }
}
