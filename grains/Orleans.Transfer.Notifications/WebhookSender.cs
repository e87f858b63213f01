using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// POSTs one notification to a webhook (docs/notifications.md): a JSON body, <c>X-Xfer-Event-Id</c> and
/// <c>X-Xfer-Event</c> headers, and <c>X-Xfer-Signature</c> when a secret is set. Delivered only on 2xx; redirects are
/// not followed. Failures are results, never exceptions; retrying is the caller's job (<see cref="NotificationBackOff"/>).
/// </summary>
public sealed partial class WebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookSender> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> this sender uses from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Orleans.Transfer.Notifications.Webhook";

    /// <summary>The header with the notification's id, the same on every attempt; receivers de-duplicate on it.</summary>
    public const string EventIdHeader = "X-Xfer-Event-Id";

    /// <summary>The header with the event's name, for example <c>JobTransferred</c>.</summary>
    public const string EventHeader = "X-Xfer-Event";

    /// <summary>The header <c>sha256=&lt;lowercase hex HMAC-SHA256 of the body bytes, keyed with the secret&gt;</c>.</summary>
    public const string SignatureHeader = "X-Xfer-Signature";

    /// <summary>POSTs <paramref name="notification"/> to <paramref name="url"/>.</summary>
    /// <param name="url">Absolute http or https URL.</param>
    /// <param name="secret">The signing secret, or null to send no signature.</param>
    /// <param name="notification">The event being reported.</param>
    /// <param name="cancellationToken">Abandons the request and throws <see cref="OperationCanceledException"/>.</param>
    public async Task<DeliveryResult> SendAsync(
        string url,
        string? secret,
        JobNotification notification,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(notification);
        var safeUrl = SafeUrl.ForDisplay(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new DeliveryResult(false, $"The webhook URL {safeUrl} is not an absolute http or https URL.");
        }

        var body = WebhookPayload.Serialize(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventIdHeader, notification.Id.ToString("D"));
        request.Headers.Add(EventHeader, notification.Event.ToString());
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(SignatureHeader, Sign(secret, body));
        }

        var timeout = options.Value.WebhookTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, safeUrl, notification.JobId, notification.Id, status);
                return new DeliveryResult(true, $"The webhook {safeUrl} answered HTTP {status}.");
            }

            var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                ? ReadRetryAfter(response.Headers.RetryAfter)
                : null;
            LogRejected(logger, safeUrl, notification.JobId, notification.Id, status);
            var redirect = status is >= 300 and < 400 ? " Redirects are not followed; configure the final URL." : string.Empty;
            return new DeliveryResult(
                false,
                $"The webhook {safeUrl} answered HTTP {status} {response.ReasonPhrase}.{redirect}",
                retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, safeUrl, notification.JobId, notification.Id, $"no response within {timeout}");
            return new DeliveryResult(false, $"The webhook {safeUrl} did not answer within {timeout}.");
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, safeUrl, notification.JobId, notification.Id, ex.Message);
            return new DeliveryResult(false, $"The webhook {safeUrl} could not be reached: {ex.Message}");
        }
    }

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/>.</summary>
    /// <param name="secret">The webhook secret, used as UTF-8 bytes.</param>
    /// <param name="body">The exact body bytes.</param>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    private TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
