namespace Orleans.Transfer.Dashboard.Options;

/// <summary>The web dashboard's settings, section <c>Transfer:Dashboard</c> (docs/dashboard.md).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Transfer:Dashboard";

    /// <summary>Serve the dashboard at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The address to listen on. Default <c>127.0.0.1</c>; any other address needs <see cref="CertificatePath"/> (TLS)
    /// and <see cref="AllowedHosts"/>.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port (XFER_WEB_PORT). Default 8471; 0 lets the system pick a free one (the login URL says which).</summary>
    public int Port { get; set; } = 8471;

    /// <summary>A PKCS#12 file (no password) with the certificate to serve https with; required off loopback. Default none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// Host names the browser may use beside 127.0.0.1, localhost and [::1] (the Host header check against DNS
    /// rebinding). Default none; the first is the host of the login URL when listening off loopback.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>How long a login token from <c>xfer dashboard</c> works (once). Default 2 minutes.</summary>
    public TimeSpan LoginTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a session cookie works, from login. Default 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
