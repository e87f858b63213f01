using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// Debian's squid in the foreground (<c>-N</c>) as a forward proxy that requires authentication: Basic through
/// basic_ncsa_auth with an htpasswd file, and NTLM through <see cref="NtlmHandshakeHelper"/>, which runs the real
/// three-message handshake but accepts any password. No cache. Shared by a test class.
/// </summary>
public sealed class SquidPeer : IAsyncLifetime
{
    public const string User = "proxyuser";
    public const string Password = "proxy-pass";

    private PeerProcess? _process;
    private string? _accessLog;

    public Uri Address => _process!.Address;

    /// <summary>Squid's access log so far: one line per request, with the user it authenticated.</summary>
    public string AccessLog => File.Exists(_accessLog) ? File.ReadAllText(_accessLog) : string.Empty;

    public async Task InitializeAsync()
    {
        var directory = PeerDirectory.Create("squid");
        var htpasswd = await PeerDirectory.HtpasswdAsync(directory, User, Password);
        var ntlmHelper = NtlmHandshakeHelper.Write(directory);
        _accessLog = Path.Combine(directory, "access.log");
        var port = LoopbackPorts.Free();
        var config = PeerDirectory.Write(directory, "squid.conf", $"""
            http_port 127.0.0.1:{port}
            pid_filename {directory}/squid.pid
            cache_log {directory}/cache.log
            access_log stdio:{_accessLog}
            buffered_logs off
            netdb_filename none
            coredump_dir {directory}
            cache_effective_user proxy
            cache deny all
            shutdown_lifetime 0 seconds
            auth_param ntlm program {ntlmHelper}
            auth_param ntlm children 2
            auth_param basic program /usr/lib/squid/basic_ncsa_auth {htpasswd}
            auth_param basic children 2
            auth_param basic realm xfer-proxy
            acl authenticated proxy_auth REQUIRED
            http_access allow authenticated
            http_access deny all
            """);
        await PeerDirectory.ChownAsync("proxy", directory);
        _process = await PeerProcess.StartAsync(directory, port, "/usr/sbin/squid", "-N", "-f", config);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
