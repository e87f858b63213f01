using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Integration.Tests.Hosting;

/// <summary>
/// The real silo with a port the operator configured explicitly (the BITS upload server's, the Prometheus endpoint's)
/// held by the test: the service stops cleanly (pid file removed) with exit code 9 and a message naming the setting and
/// the port, instead of an unhandled Kestrel error. The dashboard's busy port (warn and go on) is
/// DashboardSecurityTests.BusyPort_LeavesTheServiceRunning_AndXferDashboardSaysWhy.
/// </summary>
public sealed class BusyPortTests : IAsyncDisposable
{
    private const int PortUnavailable = 9;
    private static readonly TimeSpan s_exitDeadline = TimeSpan.FromSeconds(90);

    private readonly string _root = Directory.CreateTempSubdirectory("xfer-busy-port-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task BusyUploadPort_StopsTheService_WithExitCodeNine_NamingTheSettingAndPort()
    {
        using var squatter = Squat(out var port);
        var uploads = Directory.CreateDirectory(Path.Combine(_root, "uploads")).FullName;

        var log = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["XFER_UPLOAD_ROOT"] = uploads,
            ["XFER_UPLOAD_PORT"] = port,
        });

        Assert.Contains($"The BITS upload server cannot listen on 127.0.0.1:{port}", log, StringComparison.Ordinal);
        Assert.Contains("Set XFER_UPLOAD_PORT (Transfer:Uploads:Port) to a free port", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusyPrometheusPort_StopsTheService_WithExitCodeNine_NamingTheSettingAndPort()
    {
        using var squatter = Squat(out var port);

        var log = await RunUntilExitAsync(new Dictionary<string, string> { ["XFER_PROMETHEUS_PORT"] = port });

        Assert.Contains($"The Prometheus scrape endpoint cannot listen on 127.0.0.1:{port}", log, StringComparison.Ordinal);
        Assert.Contains("Set XFER_PROMETHEUS_PORT (Transfer:Telemetry:PrometheusPort) to a free port", log, StringComparison.Ordinal);
    }

    private static TcpListener Squat(out string port)
    {
        var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        return squatter;
    }

    // The silo's output (stdout and stderr) once it has exited by itself, after the exit code and the clean stop are checked.
    private async Task<string> RunUntilExitAsync(Dictionary<string, string> environment)
    {
        environment["XFER_SOCKET"] = Path.Combine(_root, "xfer.sock");
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        await using var silo = new SiloProcess(home, environment);
        try
        {
            await silo.StartAsync();
        }
        catch (InvalidOperationException)
        {
            // The stop may come before the pid file is written (the start "fails") or after it: both end below.
        }

        Assert.Equal(PortUnavailable, await silo.WaitForExitAsync(s_exitDeadline));
        Assert.False(File.Exists(Path.Combine(home, "silo.pid")), "the pid file outlived the stop: not a clean stop");
        return silo.ReadLog();
    }
}
