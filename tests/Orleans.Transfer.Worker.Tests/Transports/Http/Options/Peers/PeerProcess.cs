using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// A real server (apache2, squid, tinyproxy) run in the foreground by a test, with its own configuration and
/// directory, on a free loopback port; killed and its directory deleted at the end.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(50);
    private readonly Process _process;
    private readonly string _directory;

    private PeerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");


    /// <summary>Starts <paramref name="tool"/> and returns once <paramref name="port"/> accepts connections.</summary>
    public static async Task<PeerProcess> StartAsync(string directory, int port, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new PeerProcess(process, directory, port);
        using var deadline = new CancellationTokenSource(s_startTimeout);
        using var probe = new PeriodicTimer(s_probeInterval);
        while (!await AcceptsAsync(port, deadline.Token))
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                var logs = string.Join('\n', Directory.EnumerateFiles(directory, "*.log").Select(f => $"{f}: {File.ReadAllText(f)}"));
                await peer.DisposeAsync();
                lock (output)
                {
                    throw new InvalidOperationException($"{tool} did not start listening on {port}: {output}\n{logs}");
                }
            }

            // The peer binds its port some time after it starts: probe the port again at the next tick, until the deadline.
            await probe.WaitForNextTickAsync(CancellationToken.None);
        }

        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
