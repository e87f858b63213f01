using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// B19 with real interfaces: the real silo runs in a network namespace whose only link leads to the origin. The link
/// is taken down mid-download: the job must wait in TransientError with NetworkDisconnected, count no error, and
/// finish byte-identical by itself once the link is back, resuming from its bytes. The client is xfer, run inside the
/// namespace, because the silo's gateway is on the namespace's loopback.
/// </summary>
public sealed class NetworkLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long FileSize = 64L * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private NetworkNamespace? _namespace;
    private OriginAndRoot? _test;
    private SiloProcess? _silo;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_test is not null)
        {
            await _test.DisposeAsync();
        }

        if (_namespace is not null)
        {
            await _namespace.DisposeAsync();
        }
    }

    [NetworkNamespaceFact]
    public async Task LinkLostMidDownload_JobWaitsUncounted_AndFinishesWhenItReturns()
    {
        _namespace = await NetworkNamespace.CreateAsync();
        _test = await OriginAndRoot.StartAsync("xfer-netloss-", _namespace.HostAddress);
        var file = _test.Origin.AddGenerated("big.bin", FileSize, seed: 19);
        file.ThrottleBytesPerSecond = 8L * 1024 * 1024;
        var destination = Path.Combine(_test.Subdirectory("out"), "big.bin");
        _silo = new SiloProcess(_test.Subdirectory("home"), launchPrefix: _namespace.ExecPrefix);
        await _silo.StartAsync();

        var id = (await XferAsync("transfer", _test.Origin.UrlFor("big.bin").ToString(), destination, "--no-wait")).Trim();
        await UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 4), "a quarter of the file sent");

        _silo.AppendLog("--- test: link down ---");
        await _namespace.SetLinkAsync(up: false);
        var outage = Stopwatch.StartNew();
        var waiting = await UntilJobAsync(id, j => j.State == "TransientError", "TransientError after the link went down");
        Assert.Equal("NetworkDisconnected", waiting.ErrorCode);
        Assert.Equal(0, waiting.ErrorCount);
        Assert.True(waiting.BytesTransferred > 0, "the bytes received before the loss are kept");
        output.WriteLine($"link down -> TransientError seen after {outage.Elapsed.TotalSeconds:0.0} s (grace period 3 s), {waiting.BytesTransferred} bytes kept");

        var requestsBeforeReturn = file.RangeHeaders.Count;
        file.ThrottleBytesPerSecond = 0;
        _silo.AppendLog("--- test: link up ---");
        await _namespace.SetLinkAsync(up: true);
        var back = Stopwatch.StartNew();
        await UntilAsync(() => Task.FromResult(file.RangeHeaders.Count > requestsBeforeReturn), "a request after the link came back");
        output.WriteLine($"link up -> next request at the origin after {back.Elapsed.TotalSeconds:0.00} s");
        // xfer transfer's job is completed by the service once transferred (CompleteWhenTransferred); Complete waits for that.
        var done = await UntilJobAsync(id, j => j.State is "Transferred" or "Acknowledged" or "Error", "Transferred after the link came back");
        Assert.Contains(done.State, new[] { "Transferred", "Acknowledged" });
        Assert.Equal(0, done.ErrorCount);
        await XferAsync("job", "complete", id);

        var resumedFrom = file.RangeHeaders.Skip(requestsBeforeReturn).FirstOrDefault();
        Assert.Equal($"bytes={waiting.BytesTransferred}-", resumedFrom);
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        var log = _silo.ReadLog();
        Assert.Contains("Network lost", log, StringComparison.Ordinal);
        Assert.Contains("Network returned", log, StringComparison.Ordinal);
    }

    private async Task<JobSnapshot> UntilJobAsync(string id, Func<JobSnapshot, bool> condition, string what)
    {
        JobSnapshot? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_deadline)
        {
            last = await ReadJobAsync(id);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(s_pollInterval);
        }

        throw new TimeoutException($"never reached '{what}' within {s_deadline}; last {last}; silo log:\n{_silo!.ReadLog()}");
    }

    private async Task<JobSnapshot> ReadJobAsync(string id)
    {
        using var json = JsonDocument.Parse(await XferAsync("job", "info", id, "--format", "json"));
        var root = json.RootElement;
        var error = root.GetProperty("error");
        return new JobSnapshot(
            root.GetProperty("state").GetString()!,
            error.ValueKind == JsonValueKind.Object ? error.GetProperty("code").GetString() : null,
            root.GetProperty("errorCount").GetInt32(),
            root.GetProperty("progress").GetProperty("bytesTransferred").GetInt64());
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > s_deadline)
            {
                throw new TimeoutException($"never reached '{what}' within {s_deadline}; silo log:\n{_silo!.ReadLog()}");
            }

            await Task.Delay(s_pollInterval);
        }
    }

    /// <summary>Runs xfer inside the namespace against the test's silo and returns its stdout; fails on a non-zero exit.</summary>
    private async Task<string> XferAsync(params string[] arguments)
    {
        string[] command = [.. _namespace!.ExecPrefix, "dotnet", SiloProcess.BuildOutputPath("client/Orleans.Transfer.Cli", "xfer.dll", "build xfer first"), .. arguments];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["XFER_HOME"] = _silo!.DataDirectory;
        start.Environment["XFER_GATEWAY_PORT"] = _silo.GatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["XFER_NO_AUTOSTART"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start xfer");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"xfer {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private sealed record JobSnapshot(string State, string? ErrorCode, int ErrorCount, long BytesTransferred);
}
