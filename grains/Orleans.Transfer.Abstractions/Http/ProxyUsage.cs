namespace Orleans.Transfer.Http;

/// <summary>How a job finds its proxy (BITS <c>BG_JOB_PROXY_USAGE</c>).</summary>
public enum ProxyUsage
{
    /// <summary>
    /// The service's system settings (BITS PRECONFIG), the default: on Linux the service's <c>HTTPS_PROXY</c>,
    /// <c>HTTP_PROXY</c> and <c>NO_PROXY</c>; on Windows the WinHTTP/IE settings.
    /// </summary>
    System = 0,

    /// <summary>Connect directly (BITS NO_PROXY).</summary>
    None = 1,

    /// <summary>The job's own proxy list and bypass list (BITS OVERRIDE).</summary>
    Override = 2,

    /// <summary>Discover the proxy with WPAD (BITS AUTODETECT): Windows only; refused on Linux, which has no WPAD client.</summary>
    AutoDetect = 3,
}
