using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Sends one BITS_POST packet and reads its Ack, through the job's client from <see cref="HttpClientPool"/> (its
/// credentials, proxy and certificates, and the worker's User-Agent). Connection faults become the pipeline's
/// network failures, 401/407 the authentication failures; other statuses are the caller's to judge.
/// </summary>
internal sealed class BitsPacketSender(
    HttpClient client, FileTransferRequest request, string displayName, TimeSpan responseTimeout, TimeProvider time)
{
    private static readonly HttpMethod s_method = new(BitsHeaders.Method);

    /// <summary>The local file's name without its path, as Windows sends it (forbidden and non-ASCII characters replaced).</summary>
    public string ContentName { get; } = ContentNameOf(request.TempPath);

    public string DisplayName => displayName;

    /// <summary>A packet without a body (Content-Length: 0).</summary>
    public Task<ReceivedAck> SendAsync(Uri target, string packet, string? sessionId, CancellationToken cancellationToken) =>
        SendAsync(target, packet, sessionId, ReadOnlyMemory<byte>.Empty, range: null, cancellationToken);

    public async Task<ReceivedAck> SendAsync(
        Uri target,
        string packet,
        string? sessionId,
        ReadOnlyMemory<byte> body,
        ContentRangeHeaderValue? range,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(s_method, target) { Version = HttpVersion.Version11 };
        message.Headers.TryAddWithoutValidation(BitsHeaders.PacketType, packet);
        if (sessionId is not null)
        {
            message.Headers.TryAddWithoutValidation(BitsHeaders.SessionId, sessionId);
        }

        if (packet == BitsHeaders.CreateSession)
        {
            message.Headers.TryAddWithoutValidation(BitsHeaders.SupportedProtocols, BitsHeaders.Protocol15);
        }

        if (packet is BitsHeaders.CreateSession or BitsHeaders.Fragment or BitsHeaders.CloseSession)
        {
            message.Headers.TryAddWithoutValidation(BitsHeaders.ContentName, ContentName);
        }

        // Every packet carries Content-Length, 0 without a body; a method HttpClient does not know would send none.
        message.Content = new ReadOnlyMemoryContent(body);
        message.Content.Headers.ContentRange = range;
        using var timeout = new CancellationTokenSource(responseTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.ProxyAuthenticationRequired)
            {
                throw new TransferFailedException(AuthenticationFailures.ForChallenge(response, displayName, request.Http, request.JobId));
            }

            return ReceivedAck.From(response);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.Timeout, displayName, $"No Ack to {packet} within {responseTimeout.TotalSeconds:0.#} s"), ex);
        }
        catch (HttpRequestException ex) when (ex is { HttpRequestError: HttpRequestError.ProxyTunnelError, StatusCode: HttpStatusCode.ProxyAuthenticationRequired })
        {
            throw new TransferFailedException(AuthenticationFailures.ForProxyTunnel(displayName, request.Http, request.JobId), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failure = FailureClassifier.ForNetwork(ex, displayName, $"sending {packet}", out var retryInRun);
            throw retryInRun ? new TransientNetworkException(failure, ex) : new TransferFailedException(failure, ex);
        }
    }

    private static string ContentNameOf(string path)
    {
        var name = Path.GetFileName(path);
        var builder = new StringBuilder(Math.Min(name.Length, 260));
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 260)))
        {
            builder.Append(c is < ' ' or > '~' or '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }

        return builder.ToString();
    }
}
