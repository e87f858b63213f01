using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// The transfer loop: one per activation, running on the grain scheduler, files strictly in order. The worker does the
/// I/O on the thread pool and reports through a channel; every mutation here happens after checking cancellation,
/// because caller operations (Suspend, Cancel, Complete) interleave with the loop at its awaits.
/// </summary>
internal sealed partial class TransferJobGrain
{
    private CancellationTokenSource? _runCts;
    private Task? _runTask;
    private TransferRun? _currentRun;
    private int _currentFileIndex = -1;

    /// <summary>Continues whatever an active job was doing: transfer now, or wait for its retry time.</summary>
    private void ResumeActiveWork()
    {
        if (Job.State == JobState.TransientError)
        {
            // A job waiting for the network has no retry time: it goes again once this silo sees the network.
            if (!WaitsForNetwork || network.IsAvailable)
            {
                ArmRetryTimer();
            }

            return;
        }

        StartRunIfNeeded();
    }

    private void StartRunIfNeeded()
    {
        if (_runTask is { IsCompleted: false } || Job.State is not (JobState.Queued or JobState.Connecting or JobState.Transferring))
        {
            return;
        }

        _runCts = new CancellationTokenSource();
        _runTask = RunAsync(_runCts.Token);
    }

    private async Task StopRunAsync()
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
                    await ChangeStateAsync(JobState.Transferred);
                    LogJobTransferred(logger, JobId, Job.Files.Count);
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
            LogRunFailed(logger, e, JobId);
        }
    }

    /// <summary>
    /// Waits for the scheduler's permission, then transfers files in order until none is left, the job fails (false),
    /// or the scheduler takes the slot back (pre-emption or end of slice), which returns the job to Queued with its bytes.
    /// </summary>
    private async Task<bool> TransferWhileScheduledAsync(CancellationToken cancellationToken)
    {
        using var lease = await scheduler.AcquireAsync(JobId, Job.Priority, cancellationToken);
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
            LogYielded(logger, JobId, Job.Priority);
            await ChangeStateAsync(JobState.Queued);
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
            await ChangeStateAsync(JobState.Connecting);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var request = new FileTransferRequest(JobId, index, file.RemoteUrl, file.TempPath, file.Ranges, ToCheckpoint(file), Job.Priority, Job.MaxBytesPerSecond);
        var run = worker.Start(request, cancellationToken);
        _currentRun = run;
        _currentFileIndex = index;
        try
        {
            await foreach (var transferEvent in run.Events.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (transferEvent.Kind == TransferEventKind.Failed)
                {
                    // The worker flushed what arrived before the failure: keep it, so the retry re-fetches less. Only
                    // forward: a temp file shorter than its checkpoint makes the next run start the file again anyway.
                    if (transferEvent.Checkpoint.BytesWritten > file.BytesTransferred)
                    {
                        Apply(file, transferEvent);
                    }

                    await FailAsync(transferEvent.Failure!, index);
                    return false;
                }

                Apply(file, transferEvent);
                if (MaxDownloadTimeExceeded())
                {
                    await FailAsync(MaxDownloadTimeFailure(), index);
                    return false;
                }

                switch (transferEvent.Kind)
                {
                    case TransferEventKind.Connected when Job.State != JobState.Transferring:
                        await ChangeStateAsync(JobState.Transferring);
                        break;
                    case TransferEventKind.Checkpoint:
                        // Checkpoints that queued up while the last write ran are older than the newest: write that one.
                        while (run.Events.TryPeek(out var queued) && queued.Kind == TransferEventKind.Checkpoint && run.Events.TryRead(out queued))
                        {
                            Apply(file, queued);
                        }

                        await PersistAsync();
                        break;
                    case TransferEventKind.Completed:
                        // The worker flushed the file before reporting it. Small files finish faster than checkpoints
                        // are due: their completion is written with the next write, and at worst fetched again.
                        var outboxBefore = Job.Outbox.Count;
                        RaiseEvent(JobEventKind.FileTransferred, index);
                        if (ProgressWriteDue || Job.Outbox.Count != outboxBefore)
                        {
                            await PersistAsync();
                        }

                        break;
                }

                if (transferEvent.Kind == TransferEventKind.Completed)
                {
                    LogFileTransferred(logger, JobId, index, file.BytesTransferred);
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

    private void Apply(JobFileState file, TransferEvent transferEvent)
    {
        var checkpoint = transferEvent.Checkpoint;
        if (checkpoint.BytesWritten > file.BytesTransferred || transferEvent.Kind == TransferEventKind.Completed)
        {
            NoteProgress();
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
