using System.Net;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Sends one GET of a job from the file's own URL and follows redirects by hand under the job's
/// <see cref="RedirectPolicy"/> (every handler has automatic redirects off): each hop is a new request with the job's
/// custom headers, an https → http hop is always refused, and a custom Authorization or Cookie header never goes to
/// another origin than the file's (as curl does). A custom Proxy-Authorization never goes to an https URL: inside the
/// proxy's tunnel it would reach the server, not the proxy.
/// </summary>
internal sealed class RedirectFollower(Uri origin, HttpTransferOptions? options, string displayName)
{
    /// <summary>Redirects followed for one request; the next one fails as a redirect loop.</summary>
    public const int MaxRedirects = 10;

    // Headers that carry the user's identity at the origin; another origin must not receive them.
    private static readonly HashSet<string> s_originOnlyHeaders = new(["Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    private readonly RedirectPolicy _policy = options?.Redirects ?? RedirectPolicy.Allow;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers = options?.Headers ?? [];

    /// <summary>
    /// Sends the request (built by <paramref name="configure"/> on each hop, through <paramref name="send"/>) and follows
    /// redirects; returns the first response that is not a redirect to follow, or the refusal of one.
    /// </summary>
    public async Task<RedirectResult> SendAsync(
        Action<HttpRequestMessage> configure, Func<HttpRequestMessage, Task<HttpResponseMessage>> send)
    {
        var current = origin;
        for (var hop = 0; ; hop++)
        {
            HttpResponseMessage response;
            using (var request = Build(current, configure))
            {
                response = await send(request).ConfigureAwait(false);
            }

            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location || hop == MaxRedirects)
            {
                // A redirect past the limit is returned as it is: the status row names it a redirect loop.
                return new RedirectResult(response, current, Redirected: hop > 0, Refused: null);
            }

            var status = (int)response.StatusCode;
            var target = location.IsAbsoluteUri ? location : new Uri(current, location);
            response.Dispose();
            if (Refuse(current, target, status) is { } refused)
            {
                return new RedirectResult(null, target, Redirected: true, refused);
            }

            current = target;
        }
    }

    /// <summary>The statuses a GET follows (as SocketsHttpHandler does), when they carry a Location.</summary>
    public static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MultipleChoices or HttpStatusCode.MovedPermanently or HttpStatusCode.Found
            or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private TransferFailure? Refuse(Uri from, Uri target, int status)
    {
        var location = target.Scheme is "http" or "https" ? SafeUrl.ForDisplay(target) : target.Scheme + ":…";
        if (target.Scheme is not ("http" or "https"))
        {
            return TransferFailures.RedirectRefused(
                displayName, status, location, "it leads to a URL that is not http or https, which a download never follows");
        }

        if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            return TransferFailures.RedirectRefused(
                displayName, status, location, "it leads from https to plain http, which is always refused: the file, and any "
                    + "credentials or headers, would travel unprotected. Use an https URL the server serves, then resume the job");
        }

        return _policy == RedirectPolicy.Deny
            ? TransferFailures.RedirectRefused(
                displayName, status, location, "the job's redirect policy is deny. Make the new location the file's URL "
                    + "('xfer job set-remote-url'), or allow redirects ('xfer job set --redirects allow'), then resume the job")
            : null;
    }

    private HttpRequestMessage Build(Uri target, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        var sameOrigin = IsSameOrigin(target);
        var tunnelled = target.Scheme == Uri.UriSchemeHttps;
        foreach (var (name, value) in _headers)
        {
            if ((sameOrigin || !s_originOnlyHeaders.Contains(name))
                && !(tunnelled && name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                // Validated when set; a header describing a request body (Content-*) has no place on a GET and is left out.
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        configure(request);
        return request;
    }

    private bool IsSameOrigin(Uri target) =>
        string.Equals(target.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(target.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && target.Port == origin.Port;
}
