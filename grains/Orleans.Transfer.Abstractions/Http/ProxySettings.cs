namespace Orleans.Transfer.Http;

/// <summary>A job's proxy settings (BITS <c>SetProxySettings</c>).</summary>
/// <param name="Usage">How the proxy is found; <see cref="ProxyUsage.System"/> by default.</param>
/// <param name="Proxies">
/// With <see cref="ProxyUsage.Override"/>, at least one: <c>[scheme=][http://]host[:port]</c>, where <c>scheme=</c>
/// (http or https) limits an entry to URLs of that scheme; the first entry that applies is used. Empty otherwise.
/// </param>
/// <param name="Bypass">
/// With <see cref="ProxyUsage.Override"/>, hosts reached directly: a name, <c>*.suffix</c>, an address, or
/// <c>&lt;local&gt;</c> for names without a dot. Empty otherwise.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.ProxySettings")]
public sealed record ProxySettings(ProxyUsage Usage, IReadOnlyList<string>? Proxies = null, IReadOnlyList<string>? Bypass = null)
{
    /// <summary>The default: the system's settings.</summary>
    public static ProxySettings SystemDefault { get; } = new(ProxyUsage.System);

    /// <summary>Checks the settings; throws <see cref="TransferJobException"/> naming the field at the first problem.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Usage))
        {
            throw Invalid("proxy.usage", "proxy.usage must be system, none, override or autodetect.");
        }

        var proxies = Proxies ?? [];
        var bypass = Bypass ?? [];
        if (Usage != ProxyUsage.Override && (proxies.Count > 0 || bypass.Count > 0))
        {
            throw Invalid("proxy.proxies", $"proxy lists are only for usage override, not {Usage.ToString().ToLowerInvariant()}.");
        }

        if (Usage == ProxyUsage.Override && proxies.Count == 0)
        {
            throw Invalid("proxy.proxies", "proxy.proxies needs at least one proxy with usage override, such as http://proxy:3128.");
        }

        CheckList("proxy.proxies", proxies);
        CheckList("proxy.bypass", bypass);
        for (var i = 0; i < proxies.Count; i++)
        {
            if (!TryParseProxy(proxies[i], out _, out _))
            {
                throw Invalid($"proxy.proxies[{i}]", $"proxy.proxies[{i}] '{proxies[i]}' is not [http=|https=][http://]host[:port].");
            }
        }
    }

    /// <summary>
    /// Reads one proxy entry: the URL scheme it applies to (null for all) and the proxy's address as an http URL.
    /// </summary>
    /// <param name="entry">An entry of <see cref="Proxies"/>.</param>
    /// <param name="forScheme">http, https, or null when the entry applies to every scheme.</param>
    /// <param name="proxy">The proxy's address.</param>
    public static bool TryParseProxy(string entry, out string? forScheme, out Uri proxy)
    {
        forScheme = null;
        proxy = null!;
        var text = entry.Trim();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            forScheme = text[..equals].ToLowerInvariant();
            text = text[(equals + 1)..];
            if (forScheme is not ("http" or "https"))
            {
                return false;
            }
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        proxy = uri;
        return true;
    }

    private static void CheckList(string field, IReadOnlyList<string> entries)
    {
        if (entries.Any(e => string.IsNullOrWhiteSpace(e) || e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw Invalid(field, $"{field} has an empty entry or one with spaces or control characters; give one host per entry.");
        }

        var length = entries.Sum(e => e.Length + 1) - 1;
        if (length > HttpLimits.MaxProxyListLength)
        {
            throw Invalid(field, $"{field} is {length} characters; the limit is {HttpLimits.MaxProxyListLength}.");
        }
    }

    private static TransferJobException Invalid(string field, string message) => new(TransferErrorCode.InvalidArgument, message, field);
}
