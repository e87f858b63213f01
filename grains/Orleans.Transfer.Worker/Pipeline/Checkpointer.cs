using System.Threading.Channels;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Owns a run's durable position: flushes the sink when a checkpoint is due and reports each checkpoint to the grain
/// once its bytes are durable (on disk, or acknowledged by an upload's receiver). Used by one thread at a time; the flushes themselves run on the thread pool, a finished local file's last one on the <see cref="FileFlusher"/>.
/// </summary>
internal sealed class Checkpointer
{
    // Checkpoint flushes (fsyncs) run in the background, one after another, while the transfer goes on; each is reported, in
    // order, once done. One at a time: the durable position stays at most two checkpoints behind the written one, or
    // DeferredCheckpoints + 1 when deferred.
    private const int MaxPendingFlushes = 1;

    // A sink whose unflushed bytes survive a crash of the service (a local file in this boot, written in order: a
    // segmented file keeps only its checkpoint) does not stall the read loop on a flush that is still running when the
    // next checkpoint is due: that checkpoint is taken at the first write after the flush is done instead, unless this
    // many checkpoints' worth of bytes are already past the running one (then the loop waits, as other sinks always do).
    // A stalled loop lets the socket buffers fill, and what sits there at a crash is fetched twice; the durable
    // position then trails further only for a crash of the machine.
    private const int DeferredCheckpoints = 4;

    private static readonly Task s_never = new TaskCompletionSource().Task;

    private readonly ChannelWriter<TransferEvent> _events;
    private readonly ITransferSink _sink;
    private readonly SegmentMap _segments;
    private readonly TransferWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly TransferInstruments _instruments;
    private readonly FileFlusher? _flusher;
    private readonly Queue<(long Bytes, IReadOnlyList<FileSegment>? Segments, Task Flush)> _flushes = new();
    private Task _lastFlush = Task.CompletedTask;
    private long _lastCheckpointBytes;
    private long _lastCheckpointTimestamp;
    private volatile ParallelSegments? _parallel;

    // Current is a durable checkpoint no event carried yet: its write was under way (or its flush done but not yet
    // reported) when the run was stopped. StoppedAsync hands it over.
    private bool _unreported;

    // What a quiet connect (FileTransferRequest.QuietConnect) did not send, for the run's next event.
    private string? _deferredNote;
    private string? _deferredFinalUrl;

    public Checkpointer(
        ChannelWriter<TransferEvent> events,
        ITransferSink sink,
        SegmentMap segments,
        TransferWorkerOptions options,
        TimeProvider time,
        TransferInstruments instruments,
        FileFlusher? flusher = null)
    {
        _events = events;
        _sink = sink;
        _segments = segments;
        _options = options;
        _time = time;
        _instruments = instruments;
        _flusher = flusher;
    }

    /// <summary>The last checkpoint reported or about to be, with what the remote side said about the file.</summary>
    public FileCheckpoint Current { get; private set; } = FileCheckpoint.Empty;

    /// <summary>The position at which the next checkpoint falls due by bytes; readable from any thread.</summary>
    public long NextCheckpointBytes => Volatile.Read(ref _lastCheckpointBytes) + _options.CheckpointBytes;

    /// <summary>The oldest background flush not yet reported, or a task that never completes when there is none.</summary>
    public Task PendingFlush => _flushes.TryPeek(out var head) ? head.Flush : s_never;

    /// <summary>
    /// The segments of a download fetched over several connections, or null: each checkpoint then records every
    /// segment's bytes, snapshotted before the flush that makes them durable, and their sum as the bytes written.
    /// </summary>
    public ParallelSegments? Parallel
    {
        get => _parallel;
        set => _parallel = value;
    }

    /// <summary>Starts counting from <paramref name="position"/>, resuming <paramref name="resumed"/> when given.</summary>
    public void Start(long position, FileCheckpoint? resumed)
    {
        Current = resumed ?? Current;
        _lastCheckpointBytes = position;
        _lastCheckpointTimestamp = _time.GetTimestamp();
    }

    /// <summary>Forgets everything for a restart from zero (the caller drained the flushes).</summary>
    public void Reset()
    {
        Current = FileCheckpoint.Empty;
        _lastCheckpointBytes = 0;
        _parallel = null;
        _unreported = false;
    }

    /// <summary>Records the remote file's validators, reported with the next checkpoint.</summary>
    public void SetRemoteFacts(string? etag, string? lastModified, bool rangeUnsupported) =>
        Current = Current with { ETag = etag, LastModified = lastModified, RangeUnsupported = rangeUnsupported };

    /// <summary>
    /// A connect reported with no event of its own (nothing durable to report yet): its remote facts are in
    /// <see cref="Current"/> already, and <paramref name="note"/> and <paramref name="finalUrl"/> go with the run's next
    /// event (<see cref="WithDeferred"/>).
    /// </summary>
    public void ConnectedQuietly(string? note, string? finalUrl)
    {
        _deferredNote = note ?? _deferredNote;
        _deferredFinalUrl = finalUrl ?? _deferredFinalUrl;
    }

    /// <summary><paramref name="transferEvent"/> with what a quiet connect left for the next event, which it then no longer holds.</summary>
    public TransferEvent WithDeferred(TransferEvent transferEvent)
    {
        if (_deferredNote is null && _deferredFinalUrl is null)
        {
            return transferEvent;
        }

        var carried = transferEvent with
        {
            Note = transferEvent.Note ?? _deferredNote,
            FinalUrl = transferEvent.FinalUrl ?? _deferredFinalUrl,
        };
        _deferredNote = null;
        _deferredFinalUrl = null;
        return carried;
    }

    /// <summary>
    /// True when the remote file's validators differ from the checkpoint's: a strong ETag when one was recorded, else
    /// Last-Modified. Without either, nothing can tell.
    /// </summary>
    public bool ValidatorChanged(string? etag, string? lastModified)
    {
        if (Current.ETag is { } known)
        {
            return !string.Equals(known, etag, StringComparison.Ordinal);
        }

        return Current.LastModified is { } knownDate && !string.Equals(knownDate, lastModified, StringComparison.Ordinal);
    }

    /// <summary>
    /// Flushes the sink now, then reports <paramref name="position"/> as durable with <paramref name="kind"/> (and, on
    /// Connected, where a redirect led when the job reports it).
    /// </summary>
    public async ValueTask ReportAsync(
        TransferEventKind kind, string? note, long position, CancellationToken cancellationToken, string? finalUrl = null)
    {
        await ReportPendingAsync(cancellationToken).ConfigureAwait(false);
        _sink.EnsureIntact(_parallel?.Size ?? position);
        var segments = _parallel?.Snapshot();
        Flush();
        Current = Advanced(position, _segments.TotalBytes(), segments);
        _lastCheckpointBytes = position;
        _lastCheckpointTimestamp = _time.GetTimestamp();
        await WriteCurrentAsync(new TransferEvent(kind, Current, Note: note, FinalUrl: finalUrl), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When a checkpoint is due, queues a flush of the bytes written so far and returns at once; each checkpoint (of
    /// the bytes written before its flush began) is reported once its flush is done. On a fast link the flushes
    /// overlap the transfer instead of stalling it; a checkpoint due while the previous flush runs may be deferred
    /// (<see cref="DeferredCheckpoints"/>).
    /// </summary>
    public async ValueTask MaybeCheckpointAsync(long position, CancellationToken cancellationToken)
    {
        while (_flushes.TryPeek(out var head) && head.Flush.IsCompleted)
        {
            await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (position - _lastCheckpointBytes >= _options.CheckpointBytes
            || _time.GetElapsedTime(_lastCheckpointTimestamp) >= _options.CheckpointInterval)
        {
            if (_flushes.Count >= MaxPendingFlushes)
            {
                if (_sink.WriteBoot is not null && _parallel is null && position - _flushes.Peek().Bytes < DeferredCheckpoints * _options.CheckpointBytes)
                {
                    return;
                }

                await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
            }

            _sink.EnsureIntact(_parallel?.Size ?? position);
            var segments = _parallel?.Snapshot();
            _lastFlush = _lastFlush.ContinueWith(
                static (_, state) => ((Checkpointer)state!).TimedFlush(),
                this,
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            _flushes.Enqueue((position, segments, _lastFlush));
            _lastCheckpointBytes = position;
            _lastCheckpointTimestamp = _time.GetTimestamp();
        }
    }

    /// <summary>Waits for the background flushes, if any, and reports their checkpoints in order.</summary>
    public async ValueTask ReportPendingAsync(CancellationToken cancellationToken)
    {
        while (_flushes.Count > 0)
        {
            await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The run was stopped: waits for the background flush, as closing the sink does anyway, and returns the checkpoint
    /// of the flushes that made their bytes durable but were not reported (the run's next write would have reported
    /// them, and a stopped run makes none), or null. A flush that failed ends them: bytes after it may not be on disk.
    /// Writes nothing itself: the caller hands it over without waiting on the grain.
    /// </summary>
    public async ValueTask<TransferEvent?> StoppedAsync()
    {
        await _lastFlush.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_flushes.TryPeek(out var head) && head.Flush.IsCompletedSuccessfully)
        {
            _flushes.Dequeue();
            Current = Advanced(head.Bytes, _segments.TotalBytes(), head.Segments);
            _unreported = true;
        }

        if (!_unreported)
        {
            return null;
        }

        _unreported = false;
        return WithDeferred(new TransferEvent(TransferEventKind.Checkpoint, Current));
    }

    /// <summary>Waits for the background flushes and forgets their checkpoints (the caller flushes or drops those bytes).</summary>
    public void Drain()
    {
        _flushes.Clear();
        var last = _lastFlush;
        _lastFlush = Task.CompletedTask;
        try
        {
            last.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (IsSinkFailure(ex))
        {
            // The caller's own flush reports any lasting problem; a dropped background flush changes nothing.
        }
    }

    /// <summary>The final flush of a complete file: every byte written is durable and the file is whole.</summary>
    public FileCheckpoint Complete(long position)
    {
        Flush();
        Current = Advanced(position, position, segments: null);
        return Current;
    }

    /// <summary>Keeps what arrived since the last checkpoint when the run fails, so the job's retry re-fetches less.</summary>
    public FileCheckpoint KeepOnFailure(long position)
    {
        if (_sink.IsOpen && position > Current.BytesWritten)
        {
            try
            {
                var segments = _parallel?.Snapshot();
                _sink.Flush();
                Current = Advanced(position, _segments.TotalBytes(), segments);
            }
            catch (Exception ex) when (IsSinkFailure(ex))
            {
                // The previous checkpoint stays valid; the failure being reported matters more.
            }
        }

        // An upload session made since the last checkpoint is reported too, so the job can resume or cancel it.
        if (_sink.IsOpen && _sink.UploadSession is { } session)
        {
            Current = Current with { UploadSession = session };
        }

        return Current;
    }

    /// <summary>
    /// What a flush may throw (see <see cref="ITransferSink.Flush"/>), besides a bug; an upload's flush waits on the
    /// network and ends with the run's cancellation.
    /// </summary>
    private static bool IsSinkFailure(Exception exception) =>
        exception is IOException or ObjectDisposedException or TransferFailedException or TransientNetworkException
            or SinkLostException or OperationCanceledException;

    /// <summary>
    /// The checkpoint at <paramref name="bytes"/>, naming the sink's file or upload session as it is now (a replaced sink
    /// is another file or session); with <paramref name="segments"/>, the bytes written are theirs.
    /// </summary>
    private FileCheckpoint Advanced(long bytes, long? total, IReadOnlyList<FileSegment>? segments) => Current with
    {
        BytesWritten = segments is null ? _sink.DurableOf(bytes) : segments.Sum(s => s.Done),
        BytesTotal = total,
        TempFile = _sink.Identity,
        UploadSession = _sink.UploadSession,
        WrittenInBoot = _sink.WriteBoot,
        Segments = segments,
    };

    /// <summary>Makes every byte written durable now, after the background flushes (an upload's last fragment goes out here).</summary>
    public void Flush()
    {
        Drain();
        try
        {
            TimedFlush();
        }
        catch (IOException ex)
        {
            throw _sink.FlushFailed(ex);
        }
    }

    /// <summary>
    /// The final flush of a finished file, as <see cref="Flush"/>; a local file's fsync runs on the silo's
    /// <see cref="FileFlusher"/> when there is one, together with other finishing files' and blocking no pool thread.
    /// Returns once every byte written is durable.
    /// </summary>
    public async ValueTask FlushFinalAsync()
    {
        if (_flusher is null || !_sink.FlushesLocally)
        {
            Flush();
            return;
        }

        Drain();
        try
        {
            await _flusher.FlushAsync(TimedFlush).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw _sink.FlushFailed(ex);
        }
    }

    private void TimedFlush()
    {
        var started = _time.GetTimestamp();
        _sink.Flush();
        _instruments.CheckpointFlushed(_time.GetElapsedTime(started));
    }

    private async ValueTask ReportNextFlushAsync(CancellationToken cancellationToken)
    {
        var (bytes, segments, flush) = _flushes.Dequeue();
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw _sink.FlushFailed(ex);
        }

        Current = Advanced(bytes, _segments.TotalBytes(), segments);
        await WriteCurrentAsync(new TransferEvent(TransferEventKind.Checkpoint, Current), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteCurrentAsync(TransferEvent transferEvent, CancellationToken cancellationToken)
    {
        _unreported = true;
        await _events.WriteAsync(WithDeferred(transferEvent), cancellationToken).ConfigureAwait(false);
        _unreported = false;
    }
}
