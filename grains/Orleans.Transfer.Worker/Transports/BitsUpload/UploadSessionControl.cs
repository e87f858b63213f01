using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Close-Session and Cancel-Session outside a run, through the job's client from <see cref="HttpClientPool"/>.
/// Both are resent on 5xx and unreachable servers, never on 4xx or BG_E_SESSION_NOT_FOUND (digest §2.4–2.5); a
/// background cancel stops at the end of <see cref="BitsUploadOptions.CancelRetryWindow"/> or when the host stops
/// (this singleton is disposed).
/// </summary>
internal sealed partial class UploadSessionControl(
    HttpClientPool pool, IOptions<BitsUploadOptions> options, TimeProvider time, ILogger<UploadSessionControl> logger)
    : IUploadSessionControl, IDisposable
{
    private static readonly TimeSpan s_maxCancelDelay = TimeSpan.FromMinutes(10);
    private readonly CancellationTokenSource _stopping = new();
    private readonly BitsUploadOptions _options = options.Value;

    public async Task<TransferFailure?> CloseAsync(FileTransferRequest request, UploadSessionRef session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        var pipeline = _options.CloseRetryCount == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TransientNetworkException),
                    MaxRetryAttempts = _options.CloseRetryCount,
                    Delay = _options.CloseRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                })
                .Build();
        try
        {
            await pipeline.ExecuteAsync(
                async token => await SendAsync(request, session, BitsHeaders.CloseSession, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TransientNetworkException ex)
        {
            return ex.Failure;
        }
        catch (TransferFailedException ex)
        {
            return ex.Failure;
        }
    }

    public void CancelInBackground(FileTransferRequest request, UploadSessionRef session)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);

        // On the thread pool, never on the caller's (a grain's) scheduler: the loop may run for a day.
        _ = Task.Run(() => CancelAsync(request, session));
    }

    /// <summary>The background cancel; returns once the server answered or the retries ended (tests await it).</summary>
    internal async Task CancelAsync(FileTransferRequest request, UploadSessionRef session)
    {
        using var window = new CancellationTokenSource(_options.CancelRetryWindow, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, _stopping.Token);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TransientNetworkException),
                MaxRetryAttempts = int.MaxValue,
                Delay = _options.CancelRetryBaseDelay,
                MaxDelay = s_maxCancelDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogCancelRetrying(logger, request.JobId, session.SessionId, args.RetryDelay, args.Outcome.Exception?.Message ?? "no answer");
                    return default;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(
                async token => await SendAsync(request, session, BitsHeaders.CancelSession, token).ConfigureAwait(false),
                linked.Token).ConfigureAwait(false);
            LogCancelSent(logger, request.JobId, session.SessionId);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            LogCancelGaveUp(logger, request.JobId, session.SessionId, _stopping.IsCancellationRequested
                ? "the service is stopping"
                : $"the server stayed unreachable for {_options.CancelRetryWindow}");
        }
        catch (TransferFailedException ex)
        {
            LogCancelGaveUp(logger, request.JobId, session.SessionId, ex.Failure.Message);
        }
        catch (UriFormatException ex)
        {
            LogCancelGaveUp(logger, request.JobId, session.SessionId, ex.Message);
        }
        catch (Exception ex) when (ex is SinkLostException or TransientNetworkException)
        {
            LogCancelGaveUp(logger, request.JobId, session.SessionId, ex.Message);
        }
    }

    /// <summary>
    /// Stops the background cancels. The source is cancelled, not disposed: the container may dispose this twice (as
    /// itself and as <see cref="IUploadSessionControl"/>), and a late cancel still links to its token.
    /// </summary>
    public void Dispose() => _stopping.Cancel();

    /// <summary>
    /// One packet: returns when acknowledged or the server no longer knows the session; throws
    /// <see cref="TransientNetworkException"/> for what is resent (5xx, unreachable), else <see cref="TransferFailedException"/>.
    /// </summary>
    private async Task SendAsync(FileTransferRequest request, UploadSessionRef session, string packet, CancellationToken cancellationToken)
    {
        var uri = new Uri(request.RemoteUrl);
        var route = new UploadRoute(uri, time);
        route.Use(session.HostId, session.HostIdFallbackSeconds);
        var sender = new BitsPacketSender(pool.Get(request.Owner, request.Http), request, SafeUrl.ForDisplay(uri), _options.ResponseTimeout, time);
        ReceivedAck ack;
        try
        {
            ack = await sender.SendAsync(route.Target, packet, session.SessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (TransferFailedException ex) when (ex.Failure is { Context: ErrorContext.Transport, Code: not TransferErrorCode.AuthenticationRequired })
        {
            // A host that does not resolve now may later: for these packets every unreachable server is worth a resend.
            throw new TransientNetworkException(ex.Failure, ex);
        }

        if (ack.IsSuccess || ack.SessionNotFound)
        {
            return;
        }

        if (ack.Status is >= 500 and < 600)
        {
            throw new TransientNetworkException(new TransferFailure(
                ack.ErrorCode is null ? TransferErrorCode.HttpStatus : TransferErrorCode.UploadRefused,
                ErrorContext.RemoteFile,
                $"HTTP {ack.Status} {ack.Reason} to {packet} from {sender.DisplayName} (BITS error {ack.ErrorText}); it is sent again.",
                ack.Status,
                IsTransient: true));
        }

        throw BitsAckFailures.For(ack, packet, sender.DisplayName);
    }
}
