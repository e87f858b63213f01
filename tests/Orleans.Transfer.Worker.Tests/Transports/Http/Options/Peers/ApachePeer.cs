using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// Debian's apache2 in the foreground (<c>-X</c>) with its own configuration: <c>/basic/</c> behind mod_auth_basic,
/// <c>/digest/</c> behind mod_auth_digest (MD5, qop auth), <c>/open/</c> without authentication. Shared by a test class.
/// </summary>
public sealed class ApachePeer : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret-pass";
    public const string DigestRealm = "xfer-digest";

    private PeerProcess? _process;

    /// <summary>The file every location serves.</summary>
    public byte[] Content { get; } = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))];

    public Uri Address => _process!.Address;

    public async Task InitializeAsync()
    {
        var directory = PeerDirectory.Create("apache");
        foreach (var location in new[] { "basic", "digest", "open" })
        {
            PeerDirectory.Write(directory, $"www/{location}/file.bin", Content);
        }

        var htpasswd = await PeerDirectory.HtpasswdAsync(directory, User, Password);
        var htdigest = PeerDirectory.Htdigest(directory, User, DigestRealm, Password);
        var port = LoopbackPorts.Free();
        var modules = "/usr/lib/apache2/modules";
        var config = PeerDirectory.Write(directory, "httpd.conf", $"""
            ServerRoot {directory}
            ServerName 127.0.0.1
            Listen 127.0.0.1:{port}
            PidFile {directory}/httpd.pid
            ErrorLog {directory}/error.log
            DefaultRuntimeDir {directory}
            User www-data
            Group www-data
            LoadModule mpm_prefork_module {modules}/mod_mpm_prefork.so
            LoadModule authz_core_module {modules}/mod_authz_core.so
            LoadModule authn_core_module {modules}/mod_authn_core.so
            LoadModule authn_file_module {modules}/mod_authn_file.so
            LoadModule authz_user_module {modules}/mod_authz_user.so
            LoadModule auth_basic_module {modules}/mod_auth_basic.so
            LoadModule auth_digest_module {modules}/mod_auth_digest.so
            DocumentRoot {directory}/www
            <Directory {directory}/www>
              Require all granted
            </Directory>
            <Location /basic/>
              AuthType Basic
              AuthName "xfer-basic"
              AuthBasicProvider file
              AuthUserFile {htpasswd}
              Require valid-user
            </Location>
            <Location /digest/>
              AuthType Digest
              AuthName "{DigestRealm}"
              AuthDigestDomain /digest/
              AuthDigestProvider file
              AuthUserFile {htdigest}
              Require valid-user
            </Location>
            """);
        _process = await PeerProcess.StartAsync(directory, port, "/usr/sbin/apache2", "-X", "-f", config);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
