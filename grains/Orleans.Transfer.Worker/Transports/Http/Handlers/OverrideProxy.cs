using System.Net;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A job's own proxy list (BITS OVERRIDE): the first entry whose <c>scheme=</c> matches the URL's scheme (or that has
/// none) is used; bypass entries are a host, <c>*.suffix</c>, an address, or <c>&lt;local&gt;</c> for names without a
/// dot. Unlike <see cref="WebProxy"/>, loopback is not bypassed unless the list says so.
/// </summary>
internal sealed class OverrideProxy : IWebProxy
{
    private readonly List<(string? Scheme, Uri Proxy)> _proxies = [];
    private readonly List<string> _bypass;

    /// <summary>Reads the settings; throws <see cref="TransferFailedException"/> (InvalidProxy) for an entry it cannot use.</summary>
    public OverrideProxy(ProxySettings settings)
    {
        foreach (var entry in settings.Proxies ?? [])
        {
            if (!ProxySettings.TryParseProxy(entry, out var scheme, out var proxy))
            {
                throw new TransferFailedException(HttpHandlerFailures.InvalidProxy(
                    $"the proxy entry '{entry}' is not [http=|https=][http://]host[:port]; fix the job's proxy list."));
            }

            _proxies.Add((scheme, proxy));
        }

        _bypass = [.. (settings.Bypass ?? []).Select(b => b.Trim().TrimStart('[').TrimEnd(']'))];
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination)
    {
        foreach (var (scheme, proxy) in _proxies)
        {
            if (scheme is null || string.Equals(scheme, destination.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                return proxy;
            }
        }

        return null;
    }

    public bool IsBypassed(Uri host) => GetProxy(host) is null || _bypass.Any(entry => Matches(entry, host));

    private static bool Matches(string entry, Uri uri)
    {
        var host = uri.Host.TrimStart('[').TrimEnd(']');
        if (entry == "<local>")
        {
            return uri.HostNameType == UriHostNameType.Dns && !host.Contains('.', StringComparison.Ordinal);
        }

        if (entry.StartsWith('*'))
        {
            return host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase);
        }

        return IPAddress.TryParse(entry, out var address) && IPAddress.TryParse(host, out var hostAddress)
            ? address.Equals(hostAddress)
            : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
    }
}
