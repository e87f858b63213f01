using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The transfer loop: at most one per activation, running on the grain scheduler, files strictly in order. It waits for
/// a scheduler slot, drives the worker (which does the I/O on the thread pool and reports through a channel),
/// coalesces checkpoints, and enforces MaxDownloadTime. Every mutation happens after checking cancellation, because
/// caller operations (Suspend, Cancel, Complete) interleave with the loop at its awaits.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The run's CancellationTokenSource is disposed by StopAsync, which the grain calls on deactivation.")]
internal sealed partial class JobRunner(
    Guid jobId,
    Func<TransferJobState> job,
    IJobRunHost host,
    ITransferWorker worker,
    ITransferScheduler scheduler,
    TimeProvider timeProvider,
    ILogger logger) : ILiveProgress
{
    private CancellationTokenSource? _runCts;
    private Task? _runTask;
    private TransferRun? _currentRun;
    private int _currentFileIndex = -1;

    private TransferJobState Job => job();

    public bool IsRunning => _runTask is { IsCompleted: false };

    // Between checkpoints the worker is ahead of the durable count; callers want to see bytes move.
    public long LiveBytes(int fileIndex, long checkpointed) =>
        fileIndex == _currentFileIndex && _currentRun is { } run ? Math.Max(checkpointed, run.LiveBytes) : checkpointed;

    /// <summary>Starts the loop if the job is runnable and no loop is running.</summary>
    public void StartIfNeeded()
    {
        if (IsRunning || !JobPersistence.IsRunnable(Job.State))
        {
            return;
        }

        _runCts = new CancellationTokenSource();
        _runTask = RunAsync(_runCts.Token);
    }

    /// <summary>Stops the loop and waits until the worker no longer touches the job's files.</summary>
    public async Task StopAsync()
    {
        if (_runCts is null || _runTask is null)
        {
            return;
        }

        await _runCts.CancelAsync();
        await _runTask;
        _runCts.Dispose();
        _runCts = null;
        _runTask = null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Job.Files.TrueForAll(f => f.Completed))
                {
                    Job.TransferCompleted = timeProvider.GetUtcNow();
                    await host.ChangeStateAsync(JobState.Transferred);
                    LogJobTransferred(logger, jobId, Job.Files.Count);
                    return;
                }

                if (!await TransferWhileScheduledAsync(cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Storage or catalog trouble: leave the durable state as it is; the wake-up reminder tries again.
            LogRunFailed(logger, e, jobId);
        }
    }

    /// <summary>
    /// Waits for the scheduler's permission, then transfers files in order until none is left, the job fails (false),
    /// or the scheduler takes the slot back (pre-emption or end of slice), which returns the job to Queued with its bytes.
    /// </summary>
    private async Task<bool> TransferWhileScheduledAsync(CancellationToken cancellationToken)
    {
        using var lease = await scheduler.AcquireAsync(jobId, Job.Priority, cancellationToken);
        using var slot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Revoked);
        try
        {
            for (var index = Job.Files.FindIndex(f => !f.Completed); index >= 0; index = Job.Files.FindIndex(f => !f.Completed))
            {
                if (!await TransferFileAsync(index, slot.Token))
                {
                    return false;
                }
            }
        }
        catch (OperationCanceledException) when (lease.Revoked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogYielded(logger, jobId, Job.Priority);
            await host.ChangeStateAsync(JobState.Queued);
        }

        return true;
    }

    /// <summary>Transfers one file; false when the job stopped (failure) and the loop must end.</summary>
    private async Task<bool> TransferFileAsync(int index, CancellationToken cancellationToken)
    {
        var file = Job.Files[index];

        // Only a queued job starts connecting. A job can still be Connecting here: a file whose bytes were all on disk
        // completes with no request, hence no Connected event.
        if (Job.State == JobState.Queued)
        {
            await host.ChangeStateAsync(JobState.Connecting);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var request = new FileTransferRequest(jobId, index, file.RemoteUrl, file.TempPath, file.Ranges, ToCheckpoint(file), Job.Priority, Job.MaxBytesPerSecond);
        var run = worker.Start(request, cancellationToken);
        _currentRun = run;
        _currentFileIndex = index;
        try
        {
            await foreach (var transferEvent in run.Events.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await HandleAsync(run, file, index, transferEvent))
                {
                    return false;
                }
            }
        }
        finally
        {
            await run.Completion;
            _currentRun = null;
            _currentFileIndex = -1;
        }

        return true;
    }

    /// <summary>Applies one worker event; false when the job failed.</summary>
    private async Task<bool> HandleAsync(TransferRun run, JobFileState file, int index, TransferEvent transferEvent)
    {
        if (transferEvent.Kind == TransferEventKind.Failed)
        {
            // The worker flushed what arrived before the failure: keep it, so the retry re-fetches less. Only forward: a
            // temp file shorter than its checkpoint makes the next run start the file again anyway.
            if (transferEvent.Checkpoint.BytesWritten > file.BytesTransferred)
            {
                Apply(file, transferEvent);
            }

            await host.FailAsync(transferEvent.Failure!, index);
            return false;
        }

        Apply(file, transferEvent);
        if (DownloadTimeBudget.Exceeded(Job, timeProvider.GetUtcNow()))
        {
            await host.FailAsync(DownloadTimeBudget.Failure(Job), index);
            return false;
        }

        switch (transferEvent.Kind)
        {
            case TransferEventKind.Connected when Job.State != JobState.Transferring:
                await host.ChangeStateAsync(JobState.Transferring);
                break;
            case TransferEventKind.Checkpoint:
                // Checkpoints that queued up while the last write ran are older than the newest: write that one.
                while (run.Events.TryPeek(out var queued) && queued.Kind == TransferEventKind.Checkpoint && run.Events.TryRead(out queued))
                {
                    Apply(file, queued);
                }

                await host.PersistAsync();
                break;
            case TransferEventKind.Completed:
                // The worker flushed the file before reporting it. Small files finish faster than checkpoints are due:
                // their completion is written with the next write, and at worst fetched again.
                await host.FileTransferredAsync(index);
                LogFileTransferred(logger, jobId, index, file.BytesTransferred);
                break;
        }

        return true;
    }

    private void Apply(JobFileState file, TransferEvent transferEvent)
    {
        var checkpoint = transferEvent.Checkpoint;
        if (checkpoint.BytesWritten > file.BytesTransferred || transferEvent.Kind == TransferEventKind.Completed)
        {
            RetryPolicy.NoteProgress(Job, timeProvider.GetUtcNow());
        }

        file.BytesTransferred = checkpoint.BytesWritten;
        file.BytesTotal = checkpoint.BytesTotal;
        file.ETag = checkpoint.ETag;
        file.LastModified = checkpoint.LastModified;
        file.RangeUnsupported = checkpoint.RangeUnsupported;
        file.Note = transferEvent.Note ?? file.Note;
        file.Completed = transferEvent.Kind == TransferEventKind.Completed;
    }

    private static FileCheckpoint ToCheckpoint(JobFileState file) =>
        new(file.BytesTransferred, file.BytesTotal, file.ETag, file.LastModified, file.RangeUnsupported);
}
