using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One upload's session on the server and the way to it: Create-Session or a stored session, packets sent on the
/// <see cref="UploadRoute"/> (Host-Id and its fallback), Close-Session, and the reply URL's resolution. Used under the
/// sink's gate.
/// </summary>
internal sealed partial class BitsSession(
    HttpClient client, Uri origin, FileTransferRequest request, BitsUploadOptions options, TimeProvider time, ILogger logger)
{
    private readonly BitsPacketSender _sender = new(client, request, SafeUrl.ForDisplay(origin), options.ResponseTimeout, time);
    private readonly UploadRoute _route = new(origin, time);
    private string? _id;

    public string DisplayName => _sender.DisplayName;

    /// <summary>The session as a checkpoint stores it; null before Create-Session and after Close-Session.</summary>
    public UploadSessionRef? Ref => Volatile.Read(ref _id) is { } id ? new UploadSessionRef(id, _route.HostId, _route.FallbackSeconds) : null;

    public string? Id => Volatile.Read(ref _id);

    /// <summary>Goes on in a stored session: a Ping opens the way ([MC-BUP] &lt;9&gt;); the first fragment's Ack says what it holds.</summary>
    public Task ResumeAsync(UploadSessionRef stored, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _id, stored.SessionId);
        _route.Use(stored.HostId, stored.HostIdFallbackSeconds);
        return PingAsync(cancellationToken);
    }

    /// <summary>Ping and Create-Session on the URL's own host, then a Ping to the Host-Id host when the server names one.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        _route.Use(hostId: null, fallbackSeconds: null);
        Volatile.Write(ref _id, null);
        await PingAsync(cancellationToken).ConfigureAwait(false);
        var ack = await SendAsync(BitsHeaders.CreateSession, cancellationToken).ConfigureAwait(false);
        if (!ack.IsSuccess)
        {
            throw BitsAckFailures.For(ack, BitsHeaders.CreateSession, DisplayName);
        }

        if (ack.SessionId is not { Length: <= 100 } id)
        {
            throw BitsAckFailures.Invalid(DisplayName, $"the Ack to Create-Session (HTTP {ack.Status}) names no usable BITS-Session-Id.");
        }

        Volatile.Write(ref _id, id);
        _route.Use(ack.HostId, ack.HostIdFallbackSeconds);
        LogSessionCreated(logger, request.JobId, request.FileIndex, id, ack.HostId ?? "(none)");
        if (ack.HostId is not null)
        {
            await PingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Close-Session: BG_E_SESSION_NOT_FOUND counts as closed (an earlier Close-Session got through).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return;
        }

        var ack = await SendAsync(BitsHeaders.CloseSession, cancellationToken).ConfigureAwait(false);
        if (!ack.IsSuccess && !ack.SessionNotFound)
        {
            throw BitsAckFailures.For(ack, BitsHeaders.CloseSession, DisplayName);
        }

        Volatile.Write(ref _id, null);
        LogSessionClosed(logger, request.JobId, request.FileIndex, id);
    }

    public Task<ReceivedAck> SendAsync(string packet, CancellationToken cancellationToken) =>
        SendAsync(packet, ReadOnlyMemory<byte>.Empty, range: null, cancellationToken);

    /// <summary>Sends one packet on the route, falling back from an unreachable Host-Id host once its timeout passed.</summary>
    public async Task<ReceivedAck> SendAsync(
        string packet, ReadOnlyMemory<byte> body, ContentRangeHeaderValue? range, CancellationToken cancellationToken)
    {
        var sessionId = packet is BitsHeaders.Ping or BitsHeaders.CreateSession ? null : Id;
        while (true)
        {
            try
            {
                var ack = await _sender.SendAsync(_route.Target, packet, sessionId, body, range, cancellationToken).ConfigureAwait(false);
                _route.Answered();
                return ack;
            }
            catch (Exception ex) when (_route.HostId is { } host && IsUnreachable(ex))
            {
                if (!_route.FailedToReach())
                {
                    throw;
                }

                LogHostIdFallback(logger, request.JobId, request.FileIndex, host, origin.Host);
            }
        }
    }

    /// <summary>BITS-Reply-URL resolved against the upload URL; IIS writes relative ones with backslashes (digest §13).</summary>
    public string ResolveReply(string reply)
    {
        if (Uri.TryCreate(reply, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri;
        }

        if (Uri.TryCreate(origin, reply.Replace('\\', '/'), out var resolved) && resolved.Scheme is "http" or "https")
        {
            return resolved.AbsoluteUri;
        }

        throw BitsAckFailures.Invalid(DisplayName, $"BITS-Reply-URL '{reply}' is not an http or https URL.");
    }

    /// <summary>
    /// Pings where the packets go. Optional in the protocol, so an unreachable host is only recorded (for the Host-Id
    /// fallback): the next packet meets the same fault under the pipeline's retries.
    /// </summary>
    private async Task PingAsync(CancellationToken cancellationToken)
    {
        ReceivedAck ack;
        try
        {
            ack = await SendAsync(BitsHeaders.Ping, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            return;
        }

        if (!ack.IsSuccess)
        {
            throw BitsAckFailures.For(ack, BitsHeaders.Ping, DisplayName);
        }
    }

    private static bool IsUnreachable(Exception exception) => exception switch
    {
        TransientNetworkException => true,
        TransferFailedException { Failure: { Context: ErrorContext.Transport, Code: not TransferErrorCode.AuthenticationRequired } } => true,
        _ => false,
    };
}
