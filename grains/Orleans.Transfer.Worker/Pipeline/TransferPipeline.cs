using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One run of one file, whatever the transport and direction: resolves the remote name to the transport serving the
/// request's direction, which makes the remote end (an <see cref="IDownloadTransport"/> the source, an
/// <see cref="IUploadTransport"/> the sink) while the pipeline supplies the local one (the temp file a download
/// writes, the local file an upload reads; see <see cref="RemoteEndpoint.CreateEnds"/>). It then opens the sink at
/// the checkpoint, lets the source send the missing bytes under the quick retries, handles a lost network and a lost
/// sink, and reports the outcome. A new transport plugs in with its folder and one registration line; nothing here
/// changes.
/// </summary>
internal sealed partial class TransferPipeline
{
    private readonly FileTransferRequest _request;
    private readonly ChannelWriter<TransferEvent> _events;
    private readonly TransportRegistry _transports;
    private readonly IOwnerFileSystem _files;
    private readonly TransferWorkerOptions _options;
    private readonly JobThrottle _throttle;
    private readonly INetworkMonitor _network;
    private readonly TimeProvider _time;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly FileFlusher? _flusher;
    private TransferSession? _session;

    public TransferPipeline(
        FileTransferRequest request,
        ChannelWriter<TransferEvent> events,
        TransportRegistry transports,
        IOwnerFileSystem files,
        TransferWorkerOptions options,
        JobThrottle throttle,
        INetworkMonitor network,
        TimeProvider time,
        TransferInstruments instruments,
        ILogger logger,
        FileFlusher? flusher = null)
    {
        _request = request;
        _events = events;
        _transports = transports;
        _files = files;
        _options = options;
        _throttle = throttle;
        _network = network;
        _time = time;
        _instruments = instruments;
        _logger = logger;
        _flusher = flusher;
    }

    /// <summary>Bytes written so far; 0 until the run has opened its sink. Readable from any thread.</summary>
    public long LiveBytes => Volatile.Read(ref _session)?.Position ?? 0;

    /// <summary>
    /// Runs to the end; never throws. The final event (of a stopped run: the checkpoint its finished flushes made
    /// durable, if not reported yet) is sent after the sink is closed.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var final = await RunAttemptAsync(cancellationToken).ConfigureAwait(false);

        // Written without waiting when there is room, also once stopped: the grain reads a stopped run's events only
        // after the run has ended, so waiting for room then would never end. A channel full at the stop holds this
        // run's unread checkpoints, the newest at most one checkpoint behind this one.
        if (final is not null && !_events.TryWrite(final))
        {
            try
            {
                await _events.WriteAsync(final, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogFinalUnreported(_logger, _request.JobId, _request.FileIndex, final.Kind, final.Checkpoint.BytesWritten);
            }
        }

        _events.TryComplete();
    }

    private async Task<TransferEvent?> RunAttemptAsync(CancellationToken cancellationToken)
    {
        RemoteEndpoint remote;
        TransferEnds ends;
        try
        {
            remote = _transports.ResolveForTransfer(_request.RemoteUrl, _request.Direction);
            ends = remote.CreateEnds(_request, _files);
        }
        catch (TransferFailedException ex)
        {
            // Nothing was opened: the failure carries no checkpoint, as no bytes moved.
            LogFailed(_logger, _request.JobId, _request.FileIndex, 0, ex.Failure.Code, ex.Failure.Message);
            return new TransferEvent(TransferEventKind.Failed, FileCheckpoint.Empty, ex.Failure);
        }

        var session = new TransferSession(_request, ends.Sink, _events, _options, _throttle, _time, _instruments, _logger, _flusher)
        {
            DisplayName = ends.RemoteName,
            TransportName = remote.Transport.Name,
        };
        Volatile.Write(ref _session, session);
        try
        {
            using var activity = TransferActivities.StartAttempt(
                _request.JobId, _request.FileIndex, remote.Transport.Name, _request.Direction);
            var final = await TransferAsync(session, remote, ends.Source, cancellationToken).ConfigureAwait(false);
            RecordOutcome(activity, final);
            return final;
        }
        finally
        {
            session.Close();
        }
    }

    /// <summary>Returns the final event; when cancelled, the durable checkpoint not reported yet, or null.</summary>
    private async Task<TransferEvent?> TransferAsync(
        TransferSession session, RemoteEndpoint remote, ITransferSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await TransferOrThrowAsync(session, remote, source, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(_logger, _request.JobId, _request.FileIndex, session.Position);
            return await session.Checkpoints.StoppedAsync().ConfigureAwait(false);
        }
        catch (TransferFailedException ex)
        {
            return Fail(session, ex.Failure);
        }
        catch (TransientNetworkException ex)
        {
            return Fail(session, ex.Failure);
        }
        catch (Exception ex)
        {
            LogUnexpected(_logger, ex, _request.JobId, _request.FileIndex);
            return Fail(session, new TransferFailure(
                TransferErrorCode.Internal,
                ErrorContext.QueueManager,
                $"Unexpected failure in the transfer worker: {ex.Message} The job retries later; report this if it persists.",
                HttpStatus: null,
                IsTransient: true));
        }
    }

    private async Task<TransferEvent> TransferOrThrowAsync(
        TransferSession session, RemoteEndpoint remote, ITransferSource source, CancellationToken cancellationToken)
    {
        var remoteName = session.DisplayName;
        var needsNetwork = remote.NeedsNetwork;
        _throttle.ThrowIfBlocked();

        // Read before the check: a loss right after it still cancels this run.
        var lost = _network.LostToken;
        if (needsNetwork && !_network.IsAvailable)
        {
            throw new TransferFailedException(TransferFailures.NetworkDisconnected(remoteName));
        }

        await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        LogStarting(_logger, _request.JobId, _request.FileIndex, remoteName, session.Position);
        using var offline = needsNetwork ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost) : null;
        var token = offline?.Token ?? cancellationToken;
        var retry = new AttemptRetry(session, _options, _instruments, _logger);
        while (true)
        {
            try
            {
                await retry.ExecuteAsync(attempt => source.TransferAsync(session, attempt), token).ConfigureAwait(false);
                if (session.Segments.TotalBytes() is { } total && total != session.Position)
                {
                    throw new TransferFailedException(TransferFailures.InvalidResponse(
                        source.DisplayName, $"the source ended at byte {session.Position} of {total}."));
                }

                await session.Checkpoints.ReportPendingAsync(token).ConfigureAwait(false);
                session.Sink.EnsureIntact(session.Position);
                if (!session.CheckDigests())
                {
                    continue;
                }

                // An upload's last fragment and Close-Session go out here: they get the quick retries a source's
                // requests get, and a session the receiver lost restarts the file like a lost one mid-way.
                await retry.ExecuteAsync(_ => FinishSink(session), token).ConfigureAwait(false);

                break;
            }
            catch (SinkLostException ex)
            {
                session.ReplaceSink(ex);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TransferFailedException(TransferFailures.NetworkDisconnected(remoteName));
            }
            catch (Exception ex) when (needsNetwork && FailureOf(ex) is { Context: ErrorContext.Transport })
            {
                // A connection that failed because the machine is going offline is not an error of this job; the
                // quick retries are over before the loss is confirmed, so wait for the verdict.
                if (!await _network.ConfirmAvailableAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new TransferFailedException(TransferFailures.NetworkDisconnected(remoteName), ex);
                }

                throw;
            }
        }

        var checkpoint = session.Checkpoints.Complete(session.Position);
        LogCompleted(_logger, _request.JobId, _request.FileIndex, session.Position);
        return session.Checkpoints.WithDeferred(new TransferEvent(
            TransferEventKind.Completed, checkpoint, ReplyUrl: session.Sink.ReplyUrl, DigestVerified: session.Digests.Verified));
    }

    private static async ValueTask FinishSink(TransferSession session)
    {
        await session.Checkpoints.FlushFinalAsync().ConfigureAwait(false);
        session.Sink.Finish();
    }

    private static TransferFailure? FailureOf(Exception exception) => exception switch
    {
        TransientNetworkException network => network.Failure,
        TransferFailedException failed => failed.Failure,
        _ => null,
    };

    private TransferEvent Fail(TransferSession session, TransferFailure failure)
    {
        session.Checkpoints.Drain();
        LogFailed(_logger, _request.JobId, _request.FileIndex, session.Position, failure.Code, failure.Message);
        var checkpoint = session.Checkpoints.KeepOnFailure(session.Position);
        var refusedAt = failure.Code == TransferErrorCode.RedirectRefused ? session.FinalUrl : null;
        return session.Checkpoints.WithDeferred(new TransferEvent(TransferEventKind.Failed, checkpoint, failure, FinalUrl: refusedAt));
    }

    private static void RecordOutcome(Activity? activity, TransferEvent? final)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TagNames.Outcome, final?.Kind switch
        {
            TransferEventKind.Completed => "completed",
            TransferEventKind.Failed => "failed",
            _ => "cancelled",
        });
        if (final?.Failure is { } failure)
        {
            activity.SetTag(TagNames.ErrorCode, failure.Code.ToString());
            activity.SetStatus(ActivityStatusCode.Error, failure.Code.ToString());
        }
    }
}
