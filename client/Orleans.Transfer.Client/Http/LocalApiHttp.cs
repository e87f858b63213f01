using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Orleans.Transfer.Client.Connection;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Client.Http;

/// <summary>
/// HTTP/1.1 to the local API over a connection <see cref="ILocalApiConnector"/> opened and verified: JSON from the
/// generated serializers (<see cref="TransferJsonMetadata"/>, no reflection: the Linux xfer is compiled natively) both
/// ways, failures rebuilt as the service's <see cref="TransferJobException"/>.
/// </summary>
internal sealed class LocalApiHttp : IDisposable
{
    /// <summary>How long one request may take before the service counts as not answering.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly MediaTypeWithQualityHeaderValue s_eventStream = new("text/event-stream");

    private readonly ILocalApiConnector _connector;
    private readonly HttpClient _client;

    public LocalApiHttp(ILocalApiConnector connector)
    {
        _connector = connector;
        var handler = new SocketsHttpHandler
        {
            // Nothing reaches the connection before the connector has checked who serves it.
            ConnectCallback = (_, cancellationToken) => connector.ConnectAsync(cancellationToken),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };

        // The host name is never resolved: every connection goes to the connector.
        _client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = RequestTimeout };
    }

    public string Address => _connector.Address;

    /// <summary>Wraps a value as the request's JSON body.</summary>
    public static JsonContent Json<T>(T value) => JsonContent.Create(value, TransferJsonMetadata.For<T>());

    /// <summary>Sends a request and reads the answer's JSON body.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(TransferJsonMetadata.For<T>(), cancellationToken)
                ?? throw new TransferJobException(TransferErrorCode.Internal, $"The transfer service answered {method} {route} with an empty body.");
        }
        catch (JsonException ex)
        {
            throw new TransferJobException(TransferErrorCode.Internal, $"The transfer service answered {method} {route} with unreadable JSON: {ex.Message}");
        }
    }

    /// <summary>Sends a request whose answer has no body to read.</summary>
    public async Task SendAsync(HttpMethod method, string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, route);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>Opens a Server-Sent Events stream; the caller reads and disposes the answer.</summary>
    public async Task<HttpResponseMessage> OpenEventsAsync(string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.Accept.Add(s_eventStream);
        return await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex) when (ConnectorFailure(ex) is { } failure)
        {
            // HttpClient wraps what the connector threw; callers look for the service's own exceptions.
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The transfer service at {Address} did not answer {request.Method} {request.RequestUri} within {RequestTimeout.TotalSeconds:0} s."),
                ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ApiErrors.FromAnswer((int)response.StatusCode, body);
        }
    }

    private static Exception? ConnectorFailure(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is TransferJobException or TransferServiceUnavailableException)
            {
                return inner;
            }
        }

        return null;
    }
}
