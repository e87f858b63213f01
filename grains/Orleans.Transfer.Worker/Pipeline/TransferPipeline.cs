using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One run of one file, whatever the transport: resolves the remote name to its transport, opens the sink at the
/// checkpoint, lets the source send the missing bytes under the quick retries, handles a lost network and a lost temp
/// file, and reports the outcome. Transport-specific work lives in the <see cref="ITransferSource"/>.
/// </summary>
internal sealed partial class TransferPipeline
{
    private readonly FileTransferRequest _request;
    private readonly ChannelWriter<TransferEvent> _events;
    private readonly TransportRegistry _transports;
    private readonly JobThrottle _throttle;
    private readonly INetworkMonitor _network;
    private readonly ILogger _logger;
    private readonly TransferSession _session;
    private readonly AttemptRetry _retry;

    public TransferPipeline(
        FileTransferRequest request,
        ChannelWriter<TransferEvent> events,
        TransportRegistry transports,
        TransferWorkerOptions options,
        JobThrottle throttle,
        INetworkMonitor network,
        TimeProvider time,
        TransferInstruments instruments,
        ILogger logger)
    {
        _request = request;
        _events = events;
        _transports = transports;
        _throttle = throttle;
        _network = network;
        _logger = logger;
        _session = new TransferSession(request, new TempFileSink(request.TempPath), events, options, throttle, time, instruments, logger);
        _retry = new AttemptRetry(_session, options, instruments, logger);
    }

    public long LiveBytes => _session.Position;

    /// <summary>Runs to the end; never throws. The final event is sent after the sink is closed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var final = await RunAttemptAsync(cancellationToken).ConfigureAwait(false);
        if (final is not null)
        {
            try
            {
                await _events.WriteAsync(final, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled while the grain was not reading: nothing further is promised after cancellation.
            }
        }

        _events.TryComplete();
    }

    private async Task<TransferEvent?> RunAttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            RemoteSource remote;
            try
            {
                remote = _transports.ResolveForTransfer(_request.RemoteUrl);
            }
            catch (TransferFailedException ex)
            {
                return Fail(ex.Failure);
            }

            using var activity = TransferActivities.StartAttempt(
                _request.JobId, _request.FileIndex, remote.Transport.Name, TransferDirection.Download);
            var final = await TransferAsync(remote, cancellationToken).ConfigureAwait(false);
            RecordOutcome(activity, final);
            return final;
        }
        finally
        {
            _session.Close();
        }
    }

    /// <summary>Returns the final event, or null when cancelled.</summary>
    private async Task<TransferEvent?> TransferAsync(RemoteSource remote, CancellationToken cancellationToken)
    {
        try
        {
            return await TransferOrThrowAsync(remote, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(_logger, _request.JobId, _request.FileIndex, _session.Position);
            return null;
        }
        catch (TransferFailedException ex)
        {
            return Fail(ex.Failure);
        }
        catch (TransientNetworkException ex)
        {
            return Fail(ex.Failure);
        }
        catch (Exception ex)
        {
            LogUnexpected(_logger, ex, _request.JobId, _request.FileIndex);
            return Fail(new TransferFailure(
                TransferErrorCode.Internal,
                ErrorContext.QueueManager,
                $"Unexpected failure in the transfer worker: {ex.Message} The job retries later; report this if it persists.",
                HttpStatus: null,
                IsTransient: true));
        }
    }

    private async Task<TransferEvent> TransferOrThrowAsync(RemoteSource remote, CancellationToken cancellationToken)
    {
        var source = remote.Transport.CreateSource(remote.Address);
        _session.DisplayName = source.DisplayName;
        _session.TransportName = remote.Transport.Name;
        var needsNetwork = remote.NeedsNetwork;
        _throttle.ThrowIfBlocked();

        // Read before the check: a loss right after it still cancels this run.
        var lost = _network.LostToken;
        if (needsNetwork && !_network.IsAvailable)
        {
            throw new TransferFailedException(TransferFailures.NetworkDisconnected(source.DisplayName));
        }

        _session.Open();
        LogStarting(_logger, _request.JobId, _request.FileIndex, source.DisplayName, _session.Position);
        using var offline = needsNetwork ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost) : null;
        var token = offline?.Token ?? cancellationToken;
        while (true)
        {
            try
            {
                await _retry.ExecuteAsync(attempt => source.TransferAsync(_session, attempt), token).ConfigureAwait(false);
                if (_session.Segments.TotalBytes() is { } total && total != _session.Position)
                {
                    throw new TransferFailedException(TransferFailures.InvalidResponse(
                        source.DisplayName, $"the download ended at byte {_session.Position} of {total}."));
                }

                await _session.Checkpoints.ReportPendingAsync(token).ConfigureAwait(false);
                _session.Sink.EnsureIntact(_session.Position);
                break;
            }
            catch (TempFileLostException ex)
            {
                _session.ReplaceSink(ex.Message);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TransferFailedException(TransferFailures.NetworkDisconnected(source.DisplayName));
            }
            catch (Exception ex) when (needsNetwork && FailureOf(ex) is { Context: ErrorContext.Transport })
            {
                // A connection that failed because the machine is going offline is not an error of this job; the
                // quick retries are over before the loss is confirmed, so wait for the verdict.
                if (!await _network.ConfirmAvailableAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new TransferFailedException(TransferFailures.NetworkDisconnected(source.DisplayName), ex);
                }

                throw;
            }
        }

        var checkpoint = _session.Checkpoints.Complete(_session.Position);
        LogCompleted(_logger, _request.JobId, _request.FileIndex, _session.Position);
        return new TransferEvent(TransferEventKind.Completed, checkpoint);
    }

    private static TransferFailure? FailureOf(Exception exception) => exception switch
    {
        TransientNetworkException network => network.Failure,
        TransferFailedException failed => failed.Failure,
        _ => null,
    };

    private TransferEvent Fail(TransferFailure failure)
    {
        _session.Checkpoints.Drain();
        LogFailed(_logger, _request.JobId, _request.FileIndex, _session.Position, failure.Code, failure.Message);
        var checkpoint = _session.Checkpoints.KeepOnFailure(_session.Position);
        return new TransferEvent(TransferEventKind.Failed, checkpoint, failure);
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
