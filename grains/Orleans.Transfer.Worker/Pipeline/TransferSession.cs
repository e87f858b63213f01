using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The state one run shares between its source and the pipeline: the position in the sink, the segments, the
/// checkpoints and the retry budget. Sources move bytes only through <see cref="CopyAsync"/>, which paces them, writes
/// them in buffer-sized pieces and checkpoints. Used by one thread at a time, except <see cref="Position"/>.
/// </summary>
internal sealed partial class TransferSession
{
    // A remote file that keeps changing under us would otherwise restart the file forever.
    private const int MaxRestarts = 3;

    private readonly FileTransferRequest _request;
    private readonly JobThrottle _throttle;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly PacedFill _fill;
    private byte[]? _buffer;
    private long _position;
    private int _restarts;

    public TransferSession(
        FileTransferRequest request,
        ITransferSink sink,
        ChannelWriter<TransferEvent> events,
        TransferWorkerOptions options,
        JobThrottle throttle,
        TimeProvider time,
        TransferInstruments instruments,
        ILogger logger,
        FileFlusher? flusher = null)
    {
        _request = request;
        _throttle = throttle;
        _instruments = instruments;
        _logger = logger;
        Sink = sink;
        Options = options;
        Time = time;
        Segments = new SegmentMap(request.Ranges);
        Checkpoints = new Checkpointer(events, sink, Segments, options, time, instruments, flusher);
        RetryBudget = new RetryBudget(options.RetryCount, options.RetryBaseDelay);

        // A digest is of the whole file: ranged files and uploads have none to check.
        var digest = request.Direction == TransferDirection.Download && request.Ranges.Count == 0 ? request.Digest : null;
        Digests = new ContentHasher(sink, digest, options.BufferSize, logger, request.JobId, request.FileIndex);
        _fill = new PacedFill(request, options, throttle, time, logger);

        // Uploads write to a remote receiver, not to our disk: only downloads are bounded.
        MaxFileBytes = request.Direction == TransferDirection.Download
            ? Math.Min(options.MaxFileBytes, request.MaxFileBytes ?? long.MaxValue)
            : long.MaxValue;
    }

    public Guid JobId => _request.JobId;

    public int FileIndex => _request.FileIndex;

    public TransferWorkerOptions Options { get; }

    public TimeProvider Time { get; }

    public ITransferSink Sink { get; }

    public SegmentMap Segments { get; }

    public Checkpointer Checkpoints { get; }

    public RetryBudget RetryBudget { get; }

    /// <summary>The hashes of the bytes written, for the digests the file must match.</summary>
    public ContentHasher Digests { get; }

    /// <summary>The remote name without credentials, for messages; set once the source is known.</summary>
    public string DisplayName { get; set; } = "the remote URL";

    /// <summary>
    /// Where the last request was redirected to, without credentials, when the job's redirect policy reports it (or a
    /// redirect was refused); null when it was not redirected. The Connected event (or the failure) carries it.
    /// </summary>
    public string? FinalUrl { get; set; }

    /// <summary>
    /// The source file's last-write time, when the source knows it exactly (a local or SMB file); set before
    /// <see cref="ConnectedAsync"/>, which otherwise takes an HTTP Last-Modified. The finished file gets it (B47).
    /// </summary>
    public DateTimeOffset? SourceLastWriteTime { get; set; }

    /// <summary>The transport's name, the metrics' transport tag; set once the transport is known.</summary>
    public string TransportName { get; set; } = "none";

    /// <summary>The most bytes this file may write: the service's and the job's limit, whichever is lower.</summary>
    public long MaxFileBytes { get; }

    /// <summary>
    /// Bytes written to the sink so far (not necessarily durable), over all segments of a segmented download; readable
    /// from any thread.
    /// </summary>
    public long Position => Checkpoints.Parallel is { } split ? split.Written : Volatile.Read(ref _position);

    /// <summary>True when bytes from an earlier attempt or run are kept: the remote file must be the same one.</summary>
    public bool IsResuming => Position > 0;

    /// <summary>The segments of a download fetched over several connections; null while it goes over one.</summary>
    public ParallelSegments? Parallel => Checkpoints.Parallel;

    /// <summary>The job's pacing, shared by every connection of the run.</summary>
    public JobThrottle Throttle => _throttle;

    public TransferInstruments Instruments => _instruments;

    public ILogger Logger => _logger;

    /// <summary>
    /// Opens the sink at the request's checkpoint and goes on from the bytes it holds: the checkpoint, none when they
    /// are gone, or what an upload's receiver reports having.
    /// </summary>
    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Options.BufferSize);
        var checkpoint = _request.Checkpoint;

        // A segmented download keeps every segment's durable bytes: the temp file up to the last of them.
        var segments = checkpoint.Segments is { } saved && _request.Direction == TransferDirection.Download && !Segments.IsRanged
            && ParallelSegments.Fits(saved, checkpoint.BytesTotal, checkpoint.BytesWritten) ? saved : null;
        var keep = segments is null ? checkpoint.BytesWritten : ParallelSegments.Extent(segments);
        var held = await Sink.OpenAsync(keep, cancellationToken).ConfigureAwait(false);
        if (held < 0 || held > checkpoint.BytesTotal)
        {
            throw new TransferFailedException(TransferFailures.InvalidResponse(
                Sink.DisplayName, $"the receiver holds {held} bytes of a {checkpoint.BytesTotal}-byte file."));
        }

        if (segments is not null && keep > 0 && held >= keep)
        {
            var split = new ParallelSegments(segments);
            Sink.SetLength(split.Size);
            Checkpoints.Parallel = split;
            Segments.RemoteSize = checkpoint.BytesTotal;
            Checkpoints.Start(Position, checkpoint);
        }
        else if (segments is null && held > 0)
        {
            Volatile.Write(ref _position, held);
            Segments.RemoteSize = Segments.RemoteSizeFrom(checkpoint.BytesTotal);
            Checkpoints.Start(_position, checkpoint with { BytesWritten = held });
        }
        else
        {
            // Nothing kept, or not all of a segmented file's durable bytes: from zero.
            if (held > 0)
            {
                Sink.Reset();
            }

            Checkpoints.Start(0, resumed: null);
        }

        await Digests.StartAsync(Parallel?.ContiguousEnd ?? _position, cancellationToken).ConfigureAwait(false);

        RetryBudget.Reset(Position);
    }

    public StallTimer StartStallTimer(CancellationToken cancellationToken) =>
        new(Options.StallTimeout, Time, cancellationToken);

    /// <summary>
    /// The source reached the remote file and is about to send bytes: records its validators, checks the ranges
    /// against its size, tells the sink the source's size and last-write time, and reports a durable Connected
    /// checkpoint, or with <see cref="FileTransferRequest.QuietConnect"/> and nothing written yet leaves what it would
    /// carry to the next event.
    /// </summary>
    public ValueTask ConnectedAsync(
        string? etag, string? lastModified, bool rangeUnsupported, string? note, CancellationToken cancellationToken)
    {
        Checkpoints.SetRemoteFacts(etag, lastModified, rangeUnsupported);
        Segments.ValidateRanges(DisplayName);
        if (Segments.RemoteSize is { } size)
        {
            Sink.SourceSized(size);
        }

        if ((SourceLastWriteTime ?? ParseHttpDate(lastModified)) is { } written)
        {
            Sink.SourceDated(written);
        }

        if (_request.QuietConnect && _request.Direction == TransferDirection.Download && Position == 0)
        {
            Checkpoints.ConnectedQuietly(note, FinalUrl);
            return ValueTask.CompletedTask;
        }

        return Checkpoints.ReportAsync(TransferEventKind.Connected, note, _position, cancellationToken, FinalUrl);
    }

    /// <summary>
    /// Fails the file before anything is written when the source announced a size above <see cref="MaxFileBytes"/>
    /// (<paramref name="size"/> null: no size announced, checked while streaming instead).
    /// </summary>
    public void EnsureFits(long? size)
    {
        if (size > MaxFileBytes)
        {
            throw TooLarge($"{size} bytes");
        }
    }

    /// <summary>
    /// Copies up to <paramref name="count"/> bytes (to the end when null) from <paramref name="reader"/> to the sink
    /// in buffer-sized writes, paced and checkpointed; returns the bytes copied.
    /// </summary>
    public async ValueTask<long> CopyAsync(ISourceReader reader, long? count, StallTimer? stall, CancellationToken cancellationToken)
    {
        var bufferSize = Options.BufferSize;
        long received = 0;
        while (count is null || received < count)
        {
            var want = count is { } c ? (int)Math.Min(bufferSize, c - received) : bufferSize;
            var filled = await _fill.FillAsync(reader, _buffer!, want, stall, DisplayName, cancellationToken).ConfigureAwait(false);
            if (filled == 0)
            {
                break;
            }

            if (filled > MaxFileBytes - _position)
            {
                await ReportDurableAsync(cancellationToken).ConfigureAwait(false);
                throw TooLarge($"larger than {MaxFileBytes} bytes (the server sent more than that)");
            }

            await WriteAsync(filled, cancellationToken).ConfigureAwait(false);
            received += filled;
            await Checkpoints.MaybeCheckpointAsync(_position, cancellationToken).ConfigureAwait(false);
        }

        return received;
    }

    /// <summary>
    /// Goes on over several connections, one per segment of <paramref name="plan"/>, from byte 0; the bytes written
    /// are then counted per segment (<see cref="Parallel"/>) until <see cref="EndParallel"/>.
    /// </summary>
    public void BeginParallel(IReadOnlyList<FileSegment> plan)
    {
        var split = new ParallelSegments(plan);
        LogSegmented(_logger, JobId, FileIndex, plan.Count, split.Size);
        Sink.SetLength(split.Size);
        Checkpoints.Parallel = split;
    }

    /// <summary>Every segment is complete: the file is whole, and the position is its end.</summary>
    public void EndParallel()
    {
        Volatile.Write(ref _position, Parallel!.Size);
        Checkpoints.Parallel = null;
    }

    /// <summary>Counts bytes just written for the metrics.</summary>
    public void Counted(int bytes) => _instruments.BytesTransferred(bytes, _request.Direction, TransportName, _request.Priority);

    /// <summary>Starts the file again from zero: the remote file changed, or the sink lost its bytes.</summary>
    public void Restart(
        string reason,
        TransferErrorCode code = TransferErrorCode.InvalidServerResponse,
        ErrorContext context = ErrorContext.RemoteFile)
    {
        if (++_restarts > MaxRestarts)
        {
            throw new TransferFailedException(new TransferFailure(
                code,
                context,
                $"The file {DisplayName} had to restart {_restarts} times during one run (last: {reason}); the job retries later.",
                HttpStatus: null,
                IsTransient: true));
        }

        LogRestarting(_logger, JobId, FileIndex, Position, reason);
        Discard();
        RetryBudget.Reset(0);
    }

    /// <summary>
    /// Checks the whole file against every digest it must match: false when it did not and starts again from zero
    /// (fetch it again); throws, its data deleted, when it did not match a second time.
    /// </summary>
    public bool CheckDigests()
    {
        var verdict = Digests.Verify(DisplayName, _position);
        if (verdict.Failure is { } failure)
        {
            Discard();
            throw new TransferFailedException(failure);
        }

        if (verdict.RestartReason is { } reason)
        {
            Restart(reason);
            return false;
        }

        return true;
    }

    /// <summary>Starts again from zero in a new sink after the sink lost the bytes written.</summary>
    public void ReplaceSink(SinkLostException lost)
    {
        Checkpoints.Drain();
        Sink.Replace();
        Restart(lost.Message, lost.Code, lost.Context);
    }

    /// <summary>Closes the sink once no background flush is pending; the run is over.</summary>
    public void Close()
    {
        Checkpoints.Drain();
        Sink.Dispose();
        Digests.Dispose();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static DateTimeOffset? ParseHttpDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>
    /// Reports the checkpoints whose flushes were started, in order, before a failure deletes the file: a deferred
    /// checkpoint (<see cref="Checkpointer"/>) would otherwise never be reported. A flush failure here loses to the failure
    /// being reported.
    /// </summary>
    private async ValueTask ReportDurableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Checkpoints.ReportPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TransferFailedException)
        {
        }
    }

    /// <summary>Deletes what was written (the sink's restart path) and fails the file with TooLarge.</summary>
    private TransferFailedException TooLarge(string size)
    {
        LogTooLarge(_logger, JobId, FileIndex, Position, MaxFileBytes);
        Discard();
        var jobLimit = _request.MaxFileBytes is { } job && job <= Options.MaxFileBytes;
        return new TransferFailedException(FailureClassifier.TooLarge(DisplayName, size, MaxFileBytes, jobLimit ? JobId : null));
    }

    /// <summary>Deletes what was written: the sink, the position, the checkpoints and the hashes start again from zero.</summary>
    private void Discard()
    {
        Checkpoints.Drain();
        Sink.Reset();
        Volatile.Write(ref _position, 0);
        Segments.RemoteSize = null;
        Checkpoints.Reset();
        Digests.Reset();
    }

    private async ValueTask WriteAsync(int count, CancellationToken cancellationToken)
    {
        await Sink.WriteAsync(_buffer.AsMemory(0, count), _position, cancellationToken).ConfigureAwait(false);
        Digests.Append(_buffer.AsSpan(0, count));
        Volatile.Write(ref _position, _position + count);
        Counted(count);
    }
}
