using System.Globalization;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A 401 (the server) or 407 (the proxy) that the handler could not answer: fatal, as BITS does
/// (<c>BG_E_HTTP_ERROR_401/407</c>), with a message that names who asked, the schemes offered, and whether the job has
/// credentials for them (then they were refused) or not (then which command sets them).
/// </summary>
internal static class AuthenticationFailures
{
    /// <summary>A challenge in a response: the schemes come from WWW-Authenticate or Proxy-Authenticate.</summary>
    public static TransferFailure ForChallenge(HttpResponseMessage response, string url, HttpTransferOptions? options, Guid? jobId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var proxy = status == 407;
        var challenges = proxy ? response.Headers.ProxyAuthenticate : response.Headers.WwwAuthenticate;
        var offered = challenges.Select(c => c.Scheme).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        var detail = Describe(proxy ? AuthTarget.Proxy : AuthTarget.Server, offered, response.RequestMessage?.RequestUri, options, jobId);
        return Failure(status, $"HTTP {status} {reason} from {url}: {detail}.");
    }

    /// <summary>
    /// A 407 to the CONNECT that opens a tunnel to an https server: SocketsHttpHandler throws there and keeps the
    /// response, so the schemes the proxy offered are not known.
    /// </summary>
    public static TransferFailure ForProxyTunnel(string url, HttpTransferOptions? options, Guid jobId)
    {
        var detail = Describe(AuthTarget.Proxy, offered: null, answered: null, options, jobId);
        return Failure(407, $"HTTP 407 Proxy Authentication Required to the tunnel to {url}: {detail}.");
    }

    private static string Describe(AuthTarget target, IReadOnlyList<string>? offered, Uri? answered, HttpTransferOptions? options, Guid? jobId)
    {
        var proxy = target == AuthTarget.Proxy;
        var who = proxy ? "the proxy" : "the server";
        var supported = offered?.Select(Parse).OfType<AuthScheme>().ToList();
        var held = (options?.Credentials ?? []).Where(c => c.Target == target).ToList();
        var refused = supported is null ? held : [.. held.Where(c => supported.Contains(c.Scheme))];
        var asked = offered is null
            ? $"{who} asked for authentication (the schemes it offers are not shown for a tunnel)"
            : $"{who} asked for {string.Join(" or ", offered)}";
        if (offered is { Count: 0 })
        {
            return $"{who} asked for authentication without offering a scheme (no {(proxy ? "Proxy-Authenticate" : "WWW-Authenticate")} "
                + "header); check the URL and the server";
        }

        if (refused.Count > 0 && !proxy && OutsideServerAuthorities(answered, options) is { } host)
        {
            return $"{asked} at {host}, a host none of the job's files names, so the job's server credentials were not sent "
                + "there (they go only to the hosts of its files' URLs). Make that URL the file's URL, then resume the job";
        }

        if (refused.Count > 0)
        {
            var names = string.Join(", ", refused.Select(c => $"{Display(c.Scheme)} for user {c.UserName}"));
            return $"{asked} and refused the job's credentials ({names}): a wrong user name or password, or an account without "
                + $"access. Set them again with {Command(jobId, target, Lower(refused[0].Scheme))}, then resume the job";
        }

        if (supported is null || supported.Count > 0)
        {
            var scheme = supported is null ? "basic|digest|ntlm|negotiate" : Lower(supported[0]);
            var what = supported is null ? "no" : $"no {Display(supported[0])}";
            var others = held.Count > 0 ? $" (it has {string.Join(", ", held.Select(c => Display(c.Scheme)))} only)" : string.Empty;
            return $"{asked}; the job has {what} credentials for {who}{others}: set them with {Command(jobId, target, scheme)}, "
                + "then resume the job";
        }

        return $"{asked}, which this service does not speak (it speaks Basic, Digest, NTLM and Negotiate); a token the server "
            + "expects can be sent as a custom header ('xfer job set-headers'), then resume the job";
    }

    private static TransferFailure Failure(int status, string message) => new(
        TransferErrorCode.AuthenticationRequired,
        status == 407 ? ErrorContext.Transport : ErrorContext.RemoteFile,
        message,
        status,
        IsTransient: false);

    private static string Command(Guid? jobId, AuthTarget target, string scheme) =>
        $"'xfer job set-credentials {jobId?.ToString() ?? "<id>"} --target {Lower(target)} --scheme {scheme} --user NAME' "
        + "(the password on standard input)";

    private static AuthScheme? Parse(string scheme) =>
        scheme.All(char.IsAsciiLetter) && Enum.TryParse<AuthScheme>(scheme, ignoreCase: true, out var parsed) ? parsed : null;

    private static string Display(AuthScheme scheme) => scheme == AuthScheme.Ntlm ? "NTLM" : scheme.ToString();

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);

    /// <summary>The host that answered, when the job names its files' hosts and this is none of them.</summary>
    private static string? OutsideServerAuthorities(Uri? answered, HttpTransferOptions? options)
    {
        if (answered is null || options is not { ServerAuthorities.Count: > 0 } known)
        {
            return null;
        }

        return known.ServerAuthorities.Contains(HttpTransferOptions.OriginOf(answered)) ? null : $"{answered.Host}:{answered.Port}";
    }
}
