using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Issue 12 through every layer, in separate real processes: <c>xfer upload</c> to a client silo, whose job sends the
/// file over the BITS upload protocol to a second silo serving <c>XFER_UPLOAD_ROOT</c> on <c>XFER_UPLOAD_PORT</c>
/// (127.0.0.1, anonymous). Exit 0 must mean the whole file is at its final name, byte-identical.
/// </summary>
public sealed class UploadEndToEndTests : IAsyncLifetime
{
    // Bounds the wait for the upload server's port, not a timing assertion.
    private static readonly TimeSpan s_portDeadline = TimeSpan.FromSeconds(60);

    private readonly string _uploadRoot = Directory.CreateTempSubdirectory("xfer-upload-root-").FullName;
    private readonly int _uploadPort = LoopbackPorts.Free();
    private SiloAndXfer? _server;
    private SiloAndXfer? _client;

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose start failed: stop what did start.
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_uploadRoot, recursive: true);
    }

    [Fact]
    public async Task Upload_SendsTheFile_WhichArrivesByteIdentical_AndExitsZero()
    {
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 123);
        var local = Path.Combine(_client!.Outside, "report.bin");
        await File.WriteAllBytesAsync(local, content);

        await _client.Xfer.OkAsync(null, "upload", local, $"http://127.0.0.1:{_uploadPort}/uploads/report.bin", "--quiet");

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_uploadRoot, "report.bin")));
        Assert.Equal(["report.bin"], Directory.GetFiles(_uploadRoot).Select(Path.GetFileName));
    }

    private async Task StartAsync()
    {
        _server = await SiloAndXfer.StartAsync("upload-server", new Dictionary<string, string>
        {
            ["XFER_UPLOAD_ROOT"] = _uploadRoot,
            ["XFER_UPLOAD_PORT"] = _uploadPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await WaitForPortAsync(_uploadPort);
        _client = await SiloAndXfer.StartAsync("upload-client");
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            using var probe = new TcpClient();
            try
            {
                // Loopback refuses at once when nothing listens.
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await timer.WaitForNextTickAsync();
            }
        }
        while (deadline.Elapsed < s_portDeadline);

        Assert.Fail($"the upload server never listened on 127.0.0.1:{port} (XFER_UPLOAD_PORT)");
    }
}
