using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>Debian's tinyproxy in the foreground (<c>-d</c>) with <c>BasicAuth</c>: a second proxy implementation.</summary>
public sealed class TinyproxyPeer : IAsyncLifetime
{
    public const string User = "tinyuser";
    public const string Password = "tiny-pass";

    private PeerProcess? _process;

    public Uri Address => _process!.Address;

    public async Task InitializeAsync()
    {
        var directory = PeerDirectory.Create("tinyproxy");
        var port = LoopbackPorts.Free();
        var config = PeerDirectory.Write(directory, "tinyproxy.conf", $"""
            User nobody
            Group nogroup
            Port {port}
            Listen 127.0.0.1
            Timeout 60
            MaxClients 10
            Allow 127.0.0.1
            BasicAuth {User} {Password}
            PidFile "{directory}/tinyproxy.pid"
            LogFile "{directory}/tinyproxy.log"
            LogLevel Info
            DisableViaHeader Yes
            """);
        await PeerDirectory.ChownAsync("nobody", directory);
        _process = await PeerProcess.StartAsync(directory, port, "/usr/bin/tinyproxy", "-d", "-c", config);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
