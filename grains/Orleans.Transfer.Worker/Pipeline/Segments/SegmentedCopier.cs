using System.Buffers;
using System.Runtime.ExceptionServices;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Fetches the incomplete segments of a segmented download at once, one connection each, into the session's sink at
/// their own offsets, paced together by the job's throttle. With the job's cap on connections to the server
/// (<paramref name="slots"/>, the slots the file's request holds), at most as many segments run at once as it holds
/// slots: the others wait in file order, each fetched on the slot a finished segment leaves, or on a slot of the cap
/// that became free (taken without waiting whenever the coordinator wakes). The calling thread coordinates: it
/// checkpoints (every segment's written bytes, snapshotted before the flush) and extends the content digests over the
/// contiguous prefix as it grows. The first incomplete segment (the lead) hashes its bytes as they stream; the bytes
/// after it are read back from the temp file once the prefix reaches them, mostly from the page cache and never twice.
/// A segment whose connection fails retries alone under its own quick-retry budget; a changed remote file stops every
/// segment and restarts the file from zero.
/// </summary>
internal sealed partial class SegmentedCopier(
    TransferSession session, ParallelSegments split, ISegmentOpener opener, ServerConnectionSlots? slots)
{
    private const string RetryScope = "segment";

    private readonly CheckpointWake _wake = new(session.Options.CheckpointInterval, session.Time);
    private readonly Queue<SegmentProgress> _waiting = new();
    private readonly List<Task> _lanes = [];
    private TaskCompletionSource _progress = NewSignal();
    private Exception? _firstFailure;
    private long _hashed;

    /// <summary>
    /// Runs every incomplete segment to its end, the lead from <paramref name="lead"/> when its response is already open.
    /// Returns with the file whole (the session leaves its segmented mode) or restarted from zero; throws the first
    /// failure of a segment once the others stopped.
    /// </summary>
    public async ValueTask RunAsync(ISegmentBody? lead, CancellationToken cancellationToken)
    {
        var leader = split.FirstIncomplete!;
        _hashed = split.ContiguousEnd;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        foreach (var segment in split.All.Where(s => !s.IsComplete && s != leader))
        {
            _waiting.Enqueue(segment);
        }

        // The lead's response is open on the slot the file's request holds.
        _lanes.Add(Task.Run(() => RunLaneAsync(leader, lead, leader, stop), CancellationToken.None));
        Widen(leader, stop);
        if (WaitingCount() is var queued and > 0)
        {
            LogSegmentsQueued(session.Logger, session.JobId, session.FileIndex, queued, _lanes.Count);
        }

        var all = Task.WhenAll(_lanes);
        try
        {
            while (!all.IsCompleted)
            {
                // A finished flush wakes it too, so that its checkpoint is reported as soon as it is durable.
                await Task.WhenAny(all, Volatile.Read(ref _progress).Task, session.Checkpoints.PendingFlush).ConfigureAwait(false);
                Interlocked.Exchange(ref _progress, NewSignal());
                await session.Checkpoints.MaybeCheckpointAsync(split.Written, cancellationToken).ConfigureAwait(false);
                await CatchUpDigestsAsync(leader, cancellationToken).ConfigureAwait(false);
                if (Widen(leader, stop) > 0)
                {
                    all = Task.WhenAll(_lanes);
                }
            }
        }
        catch
        {
            // A checkpoint or the digest failed (the sink is lost, say): stop every segment before the caller goes on.
            await stop.CancelAsync().ConfigureAwait(false);
            await SettleAsync(Task.WhenAll(_lanes)).ConfigureAwait(false);
            throw;
        }

        await SettleAsync(all).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        switch (Volatile.Read(ref _firstFailure))
        {
            case SegmentRestartException restart:
                session.Restart(restart.Reason);
                return;
            case { } failure:
                ExceptionDispatchInfo.Throw(failure);
                break;
        }

        await CatchUpDigestsAsync(leader, cancellationToken).ConfigureAwait(false);
        session.EndParallel();
    }

    /// <summary>
    /// Starts a lane for each waiting segment that a slot is held for and no lane uses yet, or that a slot of the cap
    /// free now can be taken for (never waiting for one: a file waiting for slots its job's other files hold could wait
    /// for ever behind one that waits the same way). Returns the lanes started. Called by the coordinator only, so the
    /// slots are used by one thread at a time.
    /// </summary>
    private int Widen(SegmentProgress leader, CancellationTokenSource stop)
    {
        lock (_waiting)
        {
            // Once stopped, segments only wind down: none starts, and no slot is taken for one.
            var waiting = _waiting.Count;
            if (waiting == 0 || stop.IsCancellationRequested)
            {
                return 0;
            }

            var unused = slots is null ? waiting : Math.Max(0, slots.Count - _lanes.Count);
            var start = Math.Min(waiting, unused + (unused < waiting ? slots!.TryAddMore(waiting - unused) : 0));
            for (var i = 0; i < start; i++)
            {
                var segment = _waiting.Dequeue();
                _lanes.Add(Task.Run(() => RunLaneAsync(segment, body: null, leader, stop), CancellationToken.None));
            }

            return start;
        }
    }

    /// <summary>
    /// One connection's segments: <paramref name="first"/>, then each waiting segment in file order on the same slot
    /// until none waits; a failure stops the lane (and, unless retried, every segment).
    /// </summary>
    private async Task RunLaneAsync(SegmentProgress first, ISegmentBody? body, SegmentProgress leader, CancellationTokenSource stop)
    {
        var segment = first;
        while (true)
        {
            await RunSegmentAsync(segment, body, hashInline: segment == leader, stop).ConfigureAwait(false);
            body = null;

            // Once stopped (a failure, a restart, the run's end) no segment starts; the coordinator reports why.
            if (stop.IsCancellationRequested || NextWaiting() is not { } next)
            {
                return;
            }

            segment = next;
        }
    }

    private int WaitingCount()
    {
        lock (_waiting)
        {
            return _waiting.Count;
        }
    }

    private SegmentProgress? NextWaiting()
    {
        lock (_waiting)
        {
            return _waiting.TryDequeue(out var segment) ? segment : null;
        }
    }

    /// <summary>Waits for every segment to stop; their failures are in <see cref="_firstFailure"/> (reading them marks them observed).</summary>
    private static async Task SettleAsync(Task all)
    {
        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = all.Exception;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Hashes the prefix between what is hashed and where the contiguous bytes end, once the lead is done.</summary>
    private async ValueTask CatchUpDigestsAsync(SegmentProgress leader, CancellationToken cancellationToken)
    {
        // The lead's connection appends to the digests until its segment is complete (its last write is counted after
        // its last append), and never after: its lane may go on with another segment, which does not hash inline.
        if (!leader.IsComplete || !session.Digests.IsHashing)
        {
            return;
        }

        // The lead hashed its own bytes while they streamed.
        _hashed = Math.Max(_hashed, leader.End);
        var end = split.ContiguousEnd;
        if (end > _hashed)
        {
            await session.Digests.AppendFromSinkAsync(_hashed, end, cancellationToken).ConfigureAwait(false);
            _hashed = end;
        }
    }

    /// <summary>One segment to its end under its own quick retries; any other failure stops every segment.</summary>
    private async Task RunSegmentAsync(SegmentProgress segment, ISegmentBody? body, bool hashInline, CancellationTokenSource stop)
    {
        var token = stop.Token;
        var options = session.Options;
        var budget = new RetryBudget(options.RetryCount, options.RetryBaseDelay);
        budget.Reset(segment.Written);
        var buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        try
        {
            while (!segment.IsComplete)
            {
                TransferFailure? retry = null;
                Exception? cause = null;
                var stall = session.StartStallTimer(token);
                try
                {
                    body ??= await opener.OpenAsync(segment, stall, token).ConfigureAwait(false);
                    await CopyAsync(body, segment, buffer, stall, hashInline, token).ConfigureAwait(false);
                    if (!segment.IsComplete)
                    {
                        throw new TransientNetworkException(FailureClassifier.Transport(
                            TransferErrorCode.TruncatedBody, session.DisplayName, $"The response for bytes {segment.Position}-{segment.End - 1} ended early"));
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested && IsRetryable(ex))
                {
                    (retry, cause) = (Classify(ex, segment, stall), ex);
                }
                finally
                {
                    stall.Dispose();
                    if (body is not null)
                    {
                        await body.DisposeAsync().ConfigureAwait(false);
                        body = null;
                    }
                }

                if (retry is not null)
                {
                    if (!budget.TryCountFailure(segment.Written))
                    {
                        throw new TransientNetworkException(retry, cause);
                    }

                    session.Instruments.Retry(retry.Code, RetryScope);
                    var delay = budget.Backoff(0.5 + Random.Shared.NextDouble());
                    LogSegmentRetrying(session.Logger, session.JobId, session.FileIndex, segment.Offset, segment.Written, budget.FailuresWithoutProgress, delay, retry.Message);
                    await Task.Delay(delay, session.Time, token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            if (!(ex is OperationCanceledException && token.IsCancellationRequested))
            {
                Interlocked.CompareExchange(ref _firstFailure, ex, null);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies the body into the segment in buffer-sized writes, each read paced by the job's throttle (shared with the
    /// job's other connections) and each write signalled to the coordinator.
    /// </summary>
    private async ValueTask CopyAsync(
        ISegmentBody body, SegmentProgress segment, byte[] buffer, StallTimer stall, bool hashInline, CancellationToken cancellationToken)
    {
        var throttle = session.Throttle;
        while (!segment.IsComplete)
        {
            var want = (int)Math.Min(buffer.Length, segment.Remaining);
            var started = session.Time.GetTimestamp();
            var filled = 0;
            while (filled < want)
            {
                stall.Arm();
                var read = await body.ReadAsync(buffer.AsMemory(filled, Math.Min(want - filled, throttle.Quantum)), stall.Token)
                    .ConfigureAwait(false);
                stall.Disarm();
                if (read == 0)
                {
                    break;
                }

                filled += read;
                await throttle.PaceAsync(read, cancellationToken).ConfigureAwait(false);
                if (session.Time.GetElapsedTime(started) >= session.Options.CheckpointInterval / 4)
                {
                    break;
                }
            }

            if (filled == 0)
            {
                return;
            }

            await session.Sink.WriteAsync(buffer.AsMemory(0, filled), segment.Position, cancellationToken).ConfigureAwait(false);
            if (hashInline)
            {
                session.Digests.Append(buffer.AsSpan(0, filled));
            }

            segment.Advance(filled);
            session.Counted(filled);
            if (_wake.ShouldWake(split.Written, session.Checkpoints.NextCheckpointBytes, segment.IsComplete))
            {
                Volatile.Read(ref _progress).TrySetResult();
            }
        }
    }

    private static bool IsRetryable(Exception exception) =>
        exception is TransientNetworkException or OperationCanceledException or IOException or HttpRequestException;

    /// <summary>The failure to retry the segment for; throws for a network failure that ends the run.</summary>
    private TransferFailure Classify(Exception exception, SegmentProgress segment, StallTimer stall)
    {
        var name = session.DisplayName;
        switch (exception)
        {
            case TransientNetworkException network:
                return network.Failure;
            case OperationCanceledException:
                // Not the run's own token (the caller checked): the stall timer fired.
                return FailureClassifier.Transport(
                    TransferErrorCode.Stall, name, $"No data for {stall.Timeout.TotalSeconds:0.#} s at byte {segment.Position} of a segment");
            default:
                var failure = FailureClassifier.ForNetwork(exception, name, $"at byte {segment.Position} of a segment", out var retryInRun);
                return retryInRun ? failure : throw new TransferFailedException(failure, exception);
        }
    }
}
