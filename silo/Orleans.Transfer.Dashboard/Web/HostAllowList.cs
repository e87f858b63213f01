using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Dashboard.Options;

namespace Orleans.Transfer.Dashboard.Web;

/// <summary>
/// The host names a browser may reach the dashboard by. A page on evil.example whose name an attacker re-points at
/// 127.0.0.1 (DNS rebinding) sends <c>Host: evil.example</c>, which is not on the list.
/// </summary>
internal sealed class HostAllowList(IOptions<DashboardOptions> options)
{
    private readonly HashSet<string> _hosts = new(["127.0.0.1", "localhost", "[::1]", .. options.Value.AllowedHosts], StringComparer.OrdinalIgnoreCase);

    public bool Allows(HostString host) => host.HasValue && _hosts.Contains(host.Host);

    /// <summary>
    /// Whether an <c>Origin</c> header is the dashboard itself (same scheme, host and port as the request). Browsers
    /// send one with every POST and every cross-site request.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, new Uri($"{request.Scheme}://{request.Host}").Authority, StringComparison.OrdinalIgnoreCase);
}
