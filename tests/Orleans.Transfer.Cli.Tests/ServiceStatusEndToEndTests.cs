using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Orleans.Transfer.Cli.Service;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// <c>xfer service status</c> against the real silo (its embedded SQLite default) through the real xfer: the process,
/// store and listeners it reports, and job counts that follow the jobs; and, with no service, exit 4 without starting one.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ServiceStatusEndToEndTests : IAsyncLifetime
{
    private SiloAndXfer _service = null!;

    public async Task InitializeAsync() => _service = await SiloAndXfer.StartAsync("status");

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Running_ReportsProcessStoreListeners_AndCountsFollowTheJobs()
    {
        using (var before = JsonDocument.Parse(await _service.Xfer.OkAsync(null, "service", "status", "--format", "json")))
        {
            var root = before.RootElement;
            Assert.True(root.GetProperty("running").GetBoolean());
            Assert.Equal(_service.Socket, root.GetProperty("address").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
            Assert.Equal(_service.Silo.ProcessId, root.GetProperty("processId").GetInt32());
            Assert.Equal(TimeSpan.Zero, root.GetProperty("startedAt").GetDateTimeOffset().Offset);
            Assert.Equal("Sqlite", root.GetProperty("store").GetString());
            Assert.Equal(
                [("localApi", $"unix:{_service.Socket}"), ("silo", $"127.0.0.1:{_service.Silo.SiloPort}"), ("gateway", $"127.0.0.1:{_service.Silo.GatewayPort}")],
                root.GetProperty("listeners").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("address").GetString())));

            // The silo runs as the test's user, root here or its owner elsewhere: an administrator when root.
            Assert.Equal(Environment.UserName == "root", root.GetProperty("allOwners").GetBoolean());
            Assert.Equal(Enum.GetNames<JobState>(), root.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("state").GetString()));
            Assert.Equal(0, root.GetProperty("jobsTotal").GetInt64());
        }

        await _service.Xfer.OkAsync(null, "job", "create", "kept");
        var cancelled = (await _service.Xfer.OkAsync(null, "job", "create", "cancelled")).Trim();
        await _service.Xfer.OkAsync(null, "job", "cancel", cancelled);

        using (var after = JsonDocument.Parse(await _service.Xfer.OkAsync(null, "service", "status", "--format", "json")))
        {
            var counts = after.RootElement.GetProperty("jobs").EnumerateArray()
                .Where(j => j.GetProperty("count").GetInt64() != 0)
                .ToDictionary(j => j.GetProperty("state").GetString()!, j => j.GetProperty("count").GetInt64());
            Assert.Equal(new Dictionary<string, long> { ["Suspended"] = 1, ["Cancelled"] = 1 }, counts);
            Assert.Equal(2, after.RootElement.GetProperty("jobsTotal").GetInt64());
        }

        var text = await _service.Xfer.OkAsync(null, "service", "status");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"running (pid {_service.Silo.ProcessId}, since "), text, StringComparison.Ordinal);
        Assert.Contains("Store", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Suspended\s+1$", text);
        Assert.Matches(@"(?m)^Total\s+2$", text);
    }

    [Fact]
    public async Task NotRunning_ExitsFour_SaysSoInJson_AndStartsNothing()
    {
        var home = Directory.CreateDirectory(Path.Combine(_service.Outside, "idle-home")).FullName;
        var marker = Path.Combine(_service.Outside, "silo-was-started");
        var fakeSilo = Path.Combine(_service.Outside, "fake-silo.sh");
        await File.WriteAllTextAsync(fakeSilo, $"#!/bin/sh\ntouch '{marker}'\n");
        File.SetUnixFileMode(fakeSilo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var json = await RunWithoutServiceAsync(home, fakeSilo, "service", "status", "--format", "json");
        var text = await RunWithoutServiceAsync(home, fakeSilo, "service", "status");

        Assert.Equal(ExitCodes.ServiceUnavailable, json.ExitCode);
        using (var document = JsonDocument.Parse(json.Out))
        {
            Assert.False(document.RootElement.GetProperty("running").GetBoolean());
            Assert.Equal(Path.Combine(home, LocalApiAddress.SocketFileName), document.RootElement.GetProperty("address").GetString());
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("jobs").ValueKind);
        }

        Assert.Equal(ExitCodes.ServiceUnavailable, text.ExitCode);
        Assert.Equal("", text.Out);
        Assert.Contains("not running", text.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "xfer service status started the service");
    }

    /// <summary>xfer with its own data directory, autostart allowed, and a "silo" that only leaves a mark.</summary>
    private static async Task<CliRun> RunWithoutServiceAsync(string home, string silo, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [SiloProcess.BuildOutputPath("client/Orleans.Transfer.Cli", "xfer.dll", "build the CLI first"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[XferPaths.HomeVariable] = home;
        start.Environment[XferPaths.SiloPathVariable] = silo;
        start.Environment.Remove(LocalApiAddress.SocketVariable);
        start.Environment.Remove(XferPaths.NoAutostartVariable);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start xfer");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
