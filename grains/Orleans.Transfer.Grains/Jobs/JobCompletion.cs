using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// Completing a job (B26, B43, B30): the fence, then finished files kept and unfinished ones released. Complete uses it,
/// and so does the service itself for a job created with <see cref="CreateJobRequest.CompleteWhenTransferred"/> (ours,
/// not BITS'): the run loop completes such a job as soon as it is Transferred, an activation completes one an earlier
/// activation left Transferred, and setting the property on a Transferred job completes it at once. With
/// <c>fenceBeforeMoves</c> (a cluster, or a database no lock keeps to one silo) another activation of the job may exist,
/// a silo cut off while a survivor took the job over, so the service's own completion writes Transferred before its
/// moves (<see cref="TransferAndCompleteAsync"/>).
/// </summary>
internal sealed partial class JobCompletion(
    Guid jobId,
    Func<TransferJobState> job,
    IJobShell shell,
    JobTransitions transitions,
    JobNotifier notifier,
    JobHistory history,
    JobPersistence persistence,
    JobRunner runner,
    JobKindRegistry kinds,
    bool fenceBeforeMoves,
    ILogger logger)
{
    // Set while a completion by the service runs: the run loop's interleaves with caller operations at their awaits.
    private Task _running = Task.CompletedTask;

    private TransferJobState Job => job();

    /// <summary>
    /// Whether another activation of a job may exist. Not for a silo alone on SQLite: localhost clustering, and a database
    /// that <c>silo.lock</c> keeps to one silo (the data directory's, or one beside a database moved elsewhere). A
    /// PostgreSQL database has no such lock, so a silo without a cluster id still fences (docs/architecture.md).
    /// </summary>
    public static bool FencesBeforeMoves(TransferClusterOptions cluster, TransferStorageOptions storage) =>
        cluster.Enabled || storage.Profile != StorageProfile.Sqlite;

    /// <summary>
    /// Returns once no completion by the service is under way, whatever its outcome: a caller operation that awaited
    /// something then sees the job as that completion left it, Acknowledged or Transferred with the error.
    /// </summary>
    public Task WhenIdleAsync() => _running;

    /// <summary>
    /// A job the service completes itself (<see cref="TransferJobState.CompletesItself"/>: a failed completion waits
    /// for its owner) and has not yet: Transferred.
    /// </summary>
    public static bool IsDue(TransferJobState job) =>
        job is { Exists: true, Damage: null, CompletesItself: true, State: JobState.Transferred };

    /// <summary>
    /// The fence before files move into place: a state write, which fails for a stale activation (its silo hung or
    /// was cut off while a survivor took the job over and wrote the state since), so that one moves nothing.
    /// </summary>
    public async Task FenceAsync()
    {
        try
        {
            await persistence.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            LogStaleCompleteRefused(logger, e, jobId);
            shell.Deactivate();
            throw;
        }
    }

    /// <summary>
    /// The run loop found every file of a job with the property transferred: Transferred, then the job completed with no
    /// fence write of its own.
    /// <para>
    /// With the fence (a cluster, PostgreSQL, or an upload) Transferred is written first. That write is this
    /// activation's, and it succeeded, so no other activation had written the job since this one read it: the proof
    /// Complete's fence write gives, and the moves follow it as they follow the fence (an activation elsewhere that reads
    /// the job later fences before it moves).
    /// So create, Transferred and Acknowledged are a one-file job's three writes. A crash after the Transferred write
    /// and before the Acknowledged one leaves the job Transferred with every file Completed, some perhaps in place: its
    /// next activation completes it (<see cref="CompleteOnActivationAsync"/>), skips files already in place and
    /// downloads nothing again.
    /// </para>
    /// <para>
    /// On a silo that runs alone on SQLite (<c>fenceBeforeMoves</c> false) no other activation of the job can exist
    /// (localhost clustering, one silo per data directory), so there is nothing to fence off: a download's Transferred
    /// is written with Acknowledged, after the moves, unless it queued a notification. Create and Acknowledged are a
    /// one-file job's two writes. A crash during the moves takes Transferred back: the job is as last written, queued,
    /// keeps the files recorded as finished that are in place (their identity) and transfers the others again, each
    /// replacing what the moves had put in place (docs/architecture.md says what that needs). An
    /// upload's Transferred is written first everywhere (<see cref="IJobKind.MayTransferAgain"/>).
    /// </para>
    /// </summary>
    public Task TransferAndCompleteAsync() => WhilePendingAsync(async () =>
    {
        await transitions.ChangeStateAsync(JobState.Transferred, deferWrite: !fenceBeforeMoves && kinds.Get(Job.Type).MayTransferAgain);
        await FinishAsync();
    });

    /// <summary>
    /// The property was set on a Transferred job: the caller's update was just written by this activation, after all
    /// it read, which is the fence as for <see cref="TransferAndCompleteAsync"/>.
    /// </summary>
    public Task CompleteAfterOwnWriteAsync() => WhilePendingAsync(FinishAsync);

    /// <summary>
    /// An earlier activation wrote Transferred but not Acknowledged (a crash during the moves): this activation has
    /// written nothing yet, so it fences first, as Complete does. Not after moves that failed: those wait for the owner.
    /// </summary>
    public Task CompleteOnActivationAsync() => WhilePendingAsync(async () =>
    {
        LogCompletingOnActivation(logger, jobId);
        await FenceAsync();
        await FinishAsync();
    });

    // Watches wait for the outcome, not for Transferred (JobSettling); the last signal wakes them whatever the outcome.
    private async Task WhilePendingAsync(Func<Task> completion)
    {
        // Queued, not run inline in this finally: a waiting call goes on in its own turn, after the run loop's.
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running = running.Task;
        notifier.Completion = ServiceCompletion.Running;
        try
        {
            await completion();
        }
        finally
        {
            if (notifier.Completion == ServiceCompletion.Running)
            {
                notifier.Completion = ServiceCompletion.None;
            }

            notifier.SignalChanged();
            running.SetResult();
        }
    }

    private async Task FinishAsync()
    {
        try
        {
            await MoveFilesAsync(RecordFailure);
        }
        catch (TransferJobException)
        {
            // Recorded and written by RecordFailure: the job stays Transferred with the error; the owner may fix the
            // cause and Complete, or Cancel.
            return;
        }

        await transitions.ChangeStateAsync(JobState.Acknowledged);
        LogCompletedWhenTransferred(logger, jobId, Job.Files.Count);
    }

    private void RecordFailure(TransferJobException e, int fileIndex)
    {
        // Settled from here (JobSettling): the event raised below already says so. Marked, and the catalog row no longer
        // lists the job as completing, in the write that follows: no activation or silo start tries it again by itself.
        notifier.Completion = ServiceCompletion.Failed;
        Job.CompletionFailed = true;
        persistence.CatalogRowChanged();
        Job.Error = new JobError(e.Code, ErrorContext.LocalFile, e.Message, HttpStatus: null, fileIndex);
        history.Record(
            JobHistoryKind.Error,
            $"Completing the transferred job failed on file {fileIndex}: {e.Message}; fix the cause and complete the job, or cancel it",
            e.Code);
        transitions.Raise(JobEventKind.JobModification);
        LogCompleteWhenTransferredFailed(logger, jobId, fileIndex, e.Code, e.Message);
    }

    /// <summary>
    /// Keeps the finished files not yet in place, runs of them together (<see cref="IJobKind.KeepManyAsync"/>), and
    /// releases the unfinished ones. A failed move (B30) calls <paramref name="onFailure"/> (the file index of the first
    /// file not in place), writes the files already moved, which stay moved, and throws.
    /// </summary>
    public async Task MoveFilesAsync(Action<TransferJobException, int>? onFailure = null)
    {
        var kind = kinds.Get(Job.Type);
        JobRunRequests? requests = null;
        for (var i = 0; i < Job.Files.Count; i++)
        {
            var file = Job.Files[i];
            if (file.InPlace)
            {
                continue;
            }

            if (!file.Completed)
            {
                requests ??= runner.PrepareRequests();
                await kind.ReleaseAsync(jobId, Job.Owner, Job.Files[i], requests.Create(i));
                continue;
            }

            // The finished files from here to the next unfinished one are kept together.
            var end = i + 1;
            while (end < Job.Files.Count && Job.Files[end] is { Completed: true, InPlace: false })
            {
                end++;
            }

            try
            {
                await kind.KeepManyAsync(jobId, Job.Owner, Job.Files.GetRange(i, end - i), i);
            }
            catch (TransferJobException e)
            {
                // Files already moved stay moved; fix the cause and Complete again.
                onFailure?.Invoke(e, Math.Max(i, Job.Files.FindIndex(i, f => !f.InPlace)));
                await persistence.PersistAsync();

                // That write may be a deferred Transferred's first (TransferAndCompleteAsync): the reminder follows it.
                await shell.UpdateWakeUpAsync();
                throw;
            }

            i = end - 1;
        }
    }
}
