namespace Orleans.Transfer.Http;

/// <summary>Limits on a job's HTTP options (BITS B68, B75, B78, B106).</summary>
public static class HttpLimits
{
    /// <summary>Custom headers, counted as <c>Name: value</c> lines each ended by CR LF.</summary>
    public const int MaxCustomHeadersLength = 16384;

    /// <summary>The proxy list and the bypass list, each counted as its entries joined by one space.</summary>
    public const int MaxProxyListLength = 4000;

    /// <summary>A credential's user name.</summary>
    public const int MaxUserNameLength = 300;

    /// <summary>A credential's or a certificate file's password.</summary>
    public const int MaxPasswordLength = 65535;

    /// <summary>
    /// Headers the transport owns, which custom headers may never set. Proxy-Authorization is among them: proxy
    /// credentials set it, and a custom one would go in clear to every server the proxy does not stand in front of.
    /// Authorization is refused too while the job has server credentials.
    /// </summary>
    public static IReadOnlySet<string> TransportHeaders { get; } = new HashSet<string>(
        ["Range", "If-Range", "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
            "TE", "Trailer", "Upgrade", "Expect", "Accept-Encoding", "Proxy-Authorization"],
        StringComparer.OrdinalIgnoreCase);
}
