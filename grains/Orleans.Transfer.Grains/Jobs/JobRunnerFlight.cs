using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The transfer during one scheduler lease, on the grain scheduler: keeps runs of the job's next not-completed files
/// going (as many as the <see cref="JobRunnerWindow"/> allows), reads their events one at a time, coalesces
/// checkpoints, enforces MaxDownloadTime and completes files in order. A file that finishes before an earlier one keeps
/// its checkpoint facts and is held: its Completed flag and FileTransferred event wait for the earlier files. With a
/// window of one file this is the strict BITS loop: one file after another. Every run gets the job's
/// <paramref name="connections"/> cap, which the worker's HTTP source holds a slot of while a file's bytes arrive.
/// </summary>
internal sealed partial class JobRunnerFlight(
    Guid jobId,
    Func<TransferJobState> job,
    IJobRunHost host,
    ITransferWorker worker,
    JobRunRequests requests,
    TimeProvider timeProvider,
    ILogger logger,
    int maxParallelFiles,
    ServerConnectionCap connections)
{
    private readonly JobRunnerWindow _window = new(maxParallelFiles);

    // Runs whose events are still read or whose completion is not yet awaited, by file index.
    private readonly List<ActiveRun> _runs = [];

    // Every file before this one is completed; the next files to start are searched from here.
    private int _firstOpen;

    private TransferJobState Job => job();

    public long LiveBytes(int fileIndex, long checkpointed) =>
        _runs.Find(r => r.Index == fileIndex) is { } active ? active.FileRun.LiveFileBytes(checkpointed, active.Run.LiveBytes) : checkpointed;

    // Runs are kept in file order, as JobYield.Combine wants them.
    public JobYieldInfo? LiveYield() => JobYield.Combine(_runs.Select(r => r.Run.Yield));

    /// <summary>
    /// Transfers until no file is left (true) or the job failed (false). Stopping <paramref name="cancellationToken"/>
    /// (pre-emption, end of slice, a caller) throws; every run has stopped by the time this returns or throws.
    /// </summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!requests.TryPrepare(out var unusable))
        {
            await FailUnpreparedAsync(unusable!, cancellationToken);
            return false;
        }

        try
        {
            await FillAsync(stop.Token, cancellationToken);
            while (_runs.Count > 0)
            {
                var (active, hasEvent) = await NextReadyAsync(stop.Token);
                cancellationToken.ThrowIfCancellationRequested();
                if (!hasEvent)
                {
                    await EndAsync(active, stop.Token, cancellationToken);
                    continue;
                }

                // The channel said it has an event, and only this loop reads it.
                active.Run.Events.TryRead(out var transferEvent);
                if (!await HandleAsync(active, transferEvent!, stop, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            // Failures and the end of the loop leave runs that nobody reads: stop them before waiting, or a full
            // event channel would keep them waiting for the grain. What they made durable (a stopped run's last
            // checkpoint among it) is kept, for the write that follows a stop (Suspend, Queued, deactivation).
            await stop.CancelAsync();
            foreach (var active in _runs)
            {
                await active.Run.Completion;
                KeepCheckpoints(active);
            }

            _runs.Clear();
        }
    }

    /// <summary>The job's secrets cannot be used: it fails (in Error, which only a connecting job may reach) before any request.</summary>
    private async Task FailUnpreparedAsync(TransferFailure failure, CancellationToken cancellationToken)
    {
        if (Job.State == JobState.Queued)
        {
            await host.ChangeStateAsync(JobState.Connecting);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await host.FailAsync(failure, Math.Max(0, Job.Files.FindIndex(f => !f.Completed)));
    }

    /// <summary>Waits for the first run, lowest file first, with an event or an ended channel.</summary>
    private async Task<(ActiveRun Active, bool HasEvent)> NextReadyAsync(CancellationToken stop)
    {
        foreach (var active in _runs)
        {
            active.Waiting ??= active.Run.Events.WaitToReadAsync(stop).AsTask();
        }

        var ready = _runs.Count == 1 ? _runs[0].Waiting! : await Task.WhenAny(_runs.Select(r => r.Waiting!));
        var readyRun = _runs.Find(r => r.Waiting == ready)!;
        readyRun.Waiting = null;
        return (readyRun, await ready);
    }

    /// <summary>A run's events ended: wait until the worker let go of the file, then free or reuse its slot.</summary>
    private async Task EndAsync(ActiveRun active, CancellationToken stop, CancellationToken cancellationToken)
    {
        await active.Run.Completion;
        _runs.Remove(active);
        if (!_window.End(active.Index))
        {
            await StartRunAsync(active.Index, stop, cancellationToken);
        }

        await FillAsync(stop, cancellationToken);
    }

    /// <summary>Starts the next not-completed files that are not in flight, in order, while the window has room.</summary>
    private async Task FillAsync(CancellationToken stop, CancellationToken cancellationToken)
    {
        var files = Job.Files;
        while (_window.HasRoom)
        {
            while (_firstOpen < files.Count && files[_firstOpen].Completed)
            {
                _firstOpen++;
            }

            var next = _firstOpen;
            while (next < files.Count && (files[next].Completed || _window.Contains(next)))
            {
                next++;
            }

            if (next == files.Count)
            {
                return;
            }

            await StartRunAsync(next, stop, cancellationToken);
            _window.Open(next);
        }
    }

    private async Task StartRunAsync(int index, CancellationToken stop, CancellationToken cancellationToken)
    {
        // Only a queued job starts connecting. A job can still be Connecting here: a file whose bytes were all on disk
        // completes with no request, hence no Connected event.
        if (Job.State == JobState.Queued)
        {
            await host.ChangeStateAsync(JobState.Connecting);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // The kind plans the run: a file may have more than one (an upload-reply file's upload, then its reply).
        var fileRun = requests.NextRun(index);
        // Once the job reports Transferring, a new file's Connected event would change nothing the grain shows or keeps.
        var request = requests.Create(index, fileRun) with
        {
            SingleConnection = _window.Capacity > 1 && HasOtherOpenFile(index),
            QuietConnect = Job.State == JobState.Transferring,
            Connections = connections,
        };
        var run = new ActiveRun(index, fileRun, request, worker.Start(request, stop));
        var at = _runs.FindIndex(r => r.Index > index);
        _runs.Insert(at < 0 ? _runs.Count : at, run);
    }

    /// <summary>True when a file of the job other than <paramref name="index"/> is in flight or still to do.</summary>
    private bool HasOtherOpenFile(int index)
    {
        var files = Job.Files;
        for (var i = _firstOpen; i < files.Count; i++)
        {
            if (i != index && !files[i].Completed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies one worker event; false when the job failed.</summary>
    private async Task<bool> HandleAsync(ActiveRun active, TransferEvent transferEvent, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var (index, file, run) = (active.Index, Job.Files[active.Index], active.Run);
        if (transferEvent.Kind == TransferEventKind.Failed)
        {
            // The worker flushed what arrived before the failure: keep it, so the retry re-fetches less. Only forward: a
            // temp file shorter than its checkpoint makes the next run start the file again anyway. The run then drops
            // what the failure made worthless (a file too large, an upload whose local file changed).
            ApplyForward(active, transferEvent);
            active.FileRun.Failed(transferEvent.Failure!, active.Request);
            file.FinalUrl = transferEvent.FinalUrl ?? file.FinalUrl;
            await FailAsync(transferEvent.Failure!, index, lowerFailureWins: true, stop, cancellationToken);
            return false;
        }

        Apply(active, transferEvent);
        if (transferEvent.Kind == TransferEventKind.Completed && !await active.FileRun.CompletedAsync(transferEvent, active.Request, cancellationToken))
        {
            // The file has another run: this one's channel ends next, and the window starts the file again with the
            // run its kind plans now.
            await host.PersistAsync();
            return true;
        }

        var released = transferEvent.Kind == TransferEventKind.Completed ? _window.Finish(index) : [];
        if (released.Count > 0)
        {
            // The first file released is this one: every earlier file has completed.
            file.Completed = true;
        }

        if (DownloadTimeBudget.Exceeded(Job, timeProvider.GetUtcNow()))
        {
            await FailAsync(DownloadTimeBudget.Failure(Job), index, lowerFailureWins: false, stop, cancellationToken);
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
                    Apply(active, queued);
                }

                await host.PersistAsync();
                break;
            case TransferEventKind.Completed:
                await CompleteAsync(released, cancellationToken);
                await FillAsync(stop.Token, cancellationToken);
                break;
        }

        return true;
    }

    /// <summary>
    /// Raises FileTransferred for released files in order. The worker flushed each file before reporting it. Small
    /// files finish faster than checkpoints are due: their completion is written with the next write, and at worst
    /// fetched again.
    /// </summary>
    private async Task CompleteAsync(IReadOnlyList<int> released, CancellationToken cancellationToken)
    {
        for (var i = 0; i < released.Count; i++)
        {
            var file = Job.Files[released[i]];
            if (i > 0)
            {
                // A held file: it completes only now, unless the run was stopped meanwhile (it then completes with no
                // request next time, as its bytes are all on disk).
                cancellationToken.ThrowIfCancellationRequested();
                file.Completed = true;
            }

            await host.FileTransferredAsync(released[i]);
            LogFileTransferred(logger, jobId, released[i], file.BytesTransferred);
        }
    }

    /// <summary>
    /// Stops the other runs, keeps what they flushed, and fails the job once: for <paramref name="index"/>, or for an
    /// earlier file that failed meanwhile when <paramref name="lowerFailureWins"/>.
    /// </summary>
    private async Task FailAsync(TransferFailure failure, int index, bool lowerFailureWins, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var others = _runs.FindAll(r => r.Index != index);
        if (others.Count > 0)
        {
            await stop.CancelAsync();
            foreach (var other in others)
            {
                await other.Run.Completion;
                while (other.Run.Events.TryRead(out var transferEvent))
                {
                    ApplyForward(other, transferEvent);
                    if (lowerFailureWins && transferEvent.Failure is { } earlier && other.Index < index)
                    {
                        (failure, index) = (earlier, other.Index);
                    }
                }
            }

            // A caller or the scheduler may have stopped the job while the runs wound down: it no longer fails here.
            cancellationToken.ThrowIfCancellationRequested();
        }

        await host.FailAsync(failure, index);
    }

    /// <summary>
    /// Takes the checkpoints left in a stopped run's events (each durable when sent). A Completed or Failed event that
    /// raced the stop is not acted on: the next run goes on from the checkpoint.
    /// </summary>
    private void KeepCheckpoints(ActiveRun active)
    {
        while (active.Run.Events.TryRead(out var transferEvent))
        {
            if (transferEvent.Kind is TransferEventKind.Connected or TransferEventKind.Checkpoint)
            {
                ApplyForward(active, transferEvent);
            }
        }
    }

    private void ApplyForward(ActiveRun active, TransferEvent transferEvent)
    {
        if (transferEvent.Checkpoint.BytesWritten > active.FileRun.BytesTransferred)
        {
            Apply(active, transferEvent);
        }
    }

    /// <summary>Takes the event's checkpoint facts into the run's state; a file is marked completed only when it is released.</summary>
    private void Apply(ActiveRun active, TransferEvent transferEvent)
    {
        if (transferEvent.Checkpoint.BytesWritten > active.FileRun.BytesTransferred || transferEvent.Kind == TransferEventKind.Completed)
        {
            RetryPolicy.NoteProgress(Job, timeProvider.GetUtcNow());
        }

        active.FileRun.Apply(transferEvent);
    }

    private sealed class ActiveRun(int index, IFileRun fileRun, FileTransferRequest request, TransferRun run)
    {
        public int Index { get; } = index;

        public IFileRun FileRun { get; } = fileRun;

        public FileTransferRequest Request { get; } = request;

        public TransferRun Run { get; } = run;

        /// <summary>The pending wait for this run's next event, kept across waits on other runs.</summary>
        public Task<bool>? Waiting { get; set; }
    }
}
