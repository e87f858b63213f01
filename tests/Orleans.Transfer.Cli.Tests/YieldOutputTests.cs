using System.Text.Json;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>job info</c> shows how a running background job yields to foreground traffic, and nothing when it does not.</summary>
public sealed class YieldOutputTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    private static readonly JobYieldInfo s_yielding = new(Yielding: true, WindowBytes: 12 * 1024, RateBytesPerSecond: 1_250_000, "eth0", "tcp-timestamps");

    private static FakeTransferClient Running(JobYieldInfo? status) =>
        new() { Job = FakeTransferClient.Sample(JobState.Transferring) with { Priority = JobPriority.Normal, Yield = status } };

    [Fact]
    public async Task Text_Yielding_ShowsWindowRateInterfaceAndSignal()
    {
        var run = await CliRun.InvokeAsync(Running(s_yielding), "job", "info", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Yield                yielding, window 12.0 KiB, rate 1.2 MiB/s, via eth0 (tcp-timestamps)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_FullSpeedWithoutARateCap_SaysSo_AndShowsNoRate()
    {
        var status = new JobYieldInfo(Yielding: false, WindowBytes: 8 << 20, RateBytesPerSecond: null, "wlan0", "icmp");

        var run = await CliRun.InvokeAsync(Running(status), "job", "info", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Yield                full speed, window 8.0 MiB, via wlan0 (icmp)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_WithoutYield_HasNoYieldLine()
    {
        var run = await CliRun.InvokeAsync(Running(null), "job", "info", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain("Yield", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_AnInterfaceNameWithControls_IsEscaped()
    {
        var run = await CliRun.InvokeAsync(Running(s_yielding with { Interface = "eth0\u001b[2J" }), "job", "info", s_id);

        Assert.Contains(@"via eth0\x1b[2J (tcp-timestamps)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_Yielding_HasEveryField()
    {
        var run = await CliRun.InvokeAsync(Running(s_yielding), "job", "info", s_id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var status = json.RootElement.GetProperty("yield");
        Assert.Equal(["yielding", "windowBytes", "rateBytesPerSecond", "interface", "delaySignal"], status.EnumerateObject().Select(p => p.Name));
        Assert.True(status.GetProperty("yielding").GetBoolean());
        Assert.Equal(12 * 1024, status.GetProperty("windowBytes").GetInt64());
        Assert.Equal(1_250_000, status.GetProperty("rateBytesPerSecond").GetInt64());
        Assert.Equal("eth0", status.GetProperty("interface").GetString());
        Assert.Equal("tcp-timestamps", status.GetProperty("delaySignal").GetString());
    }

    [Fact]
    public async Task Json_NoRateCap_WritesNullRate()
    {
        var run = await CliRun.InvokeAsync(Running(s_yielding with { Yielding = false, RateBytesPerSecond = null }), "job", "info", s_id, "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        var status = json.RootElement.GetProperty("yield");
        Assert.False(status.GetProperty("yielding").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("rateBytesPerSecond").ValueKind);
    }

    [Fact]
    public async Task Json_WithoutYield_WritesNull()
    {
        var run = await CliRun.InvokeAsync(Running(null), "job", "info", s_id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("yield").ValueKind);
    }
}
