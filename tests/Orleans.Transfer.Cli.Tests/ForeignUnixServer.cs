using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>A Unix socket server whose uid the client does not trust, counting the bytes it receives.</summary>
[SupportedOSPlatform("linux")]
internal sealed class ForeignUnixServer : IAsyncDisposable
{
    // Accepts one connection and reports how many bytes arrived before the client hung up.
    private const string PerlServer =
        "use IO::Socket::UNIX; $| = 1; "
        + "my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0], Listen => 1) or die \"listen: $!\"; "
        + "print \"listening\\n\"; my $c = $s->accept() or die \"accept: $!\"; my ($n, $buf) = (0, ''); "
        + "while (my $r = sysread($c, $buf, 4096)) { $n += $r } print \"received $n\\n\";";

    private readonly Func<Task<int>> _received;
    private readonly IDisposable _resource;

    private ForeignUnixServer(string socketPath, uint serverUid, uint clientUid, Func<Task<int>> received, IDisposable resource)
    {
        SocketPath = socketPath;
        ServerUid = serverUid;
        ClientUid = clientUid;
        _received = received;
        _resource = resource;
    }

    public string SocketPath { get; }

    public uint ServerUid { get; }

    public uint ClientUid { get; }

    public static async Task<ForeignUnixServer> StartAsPerlAsync(DirectoryInfo directory, uint uid)
    {
        // The other user must be able to create its socket here.
        File.SetUnixFileMode(directory.FullName, (UnixFileMode)0x1FF);
        var path = Path.Combine(directory.FullName, "foreign.sock");
        var start = new ProcessStartInfo("setpriv", [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", "perl", "-e", PerlServer, path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start setpriv");
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "listening")
        {
            throw new InvalidOperationException($"the foreign server did not start: {await process.StandardError.ReadToEndAsync()}");
        }

        async Task<int> ReceivedAsync()
        {
            var line = await process.StandardOutput.ReadLineAsync();
            await process.WaitForExitAsync();
            return int.Parse(line!.Split(' ')[1], CultureInfo.InvariantCulture);
        }

        return new ForeignUnixServer(path, uid, 0, ReceivedAsync, process);
    }

    public static Task<ForeignUnixServer> StartInProcessAsync(DirectoryInfo directory)
    {
        var path = Path.Combine(directory.FullName, "foreign.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();

        async Task<int> ReceivedAsync()
        {
            using var accepted = await listener.AcceptAsync();
            await using var stream = new NetworkStream(accepted);
            return await ReceivedBytes.CountUntilEndAsync(stream);
        }

        var uid = UnixAccounts.EffectiveUserId();
        return Task.FromResult(new ForeignUnixServer(path, uid, uid + 1, ReceivedAsync, listener));
    }

    public Task<int> BytesReceivedAsync() => _received();

    public ValueTask DisposeAsync()
    {
        if (_resource is Process { HasExited: false } process)
        {
            process.Kill();
        }

        _resource.Dispose();
        return ValueTask.CompletedTask;
    }
}
