using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>--quiet</c> and <c>--format json</c> on <c>transfer</c> and <c>job watch</c>, through real command lines.</summary>
public sealed class ProgressOptionsTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Theory]
    [InlineData("-q")]
    [InlineData("--quiet")]
    public async Task Transfer_Quiet_PrintsOnlyTheFinalResult(string quiet)
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", quiet);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Empty(run.Out);
        Assert.Equal($"job {s_id}: 2 file(s) in place.{Environment.NewLine}", run.Error);
    }

    [Fact]
    public async Task Watch_Quiet_StillPrintsTheError()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { Error = new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "Not Found", 404, 0) };
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Error);

        var run = await CliRun.InvokeAsync(client, "job", "watch", s_id, "-q");

        Assert.Equal(ExitCodes.JobFailed, run.ExitCode);
        Assert.DoesNotContain("Transferring", run.Error, StringComparison.Ordinal);
        Assert.Contains("error HttpStatus (RemoteFile, HTTP 404) on file 0", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FormatJson_WritesOneObjectPerUpdateOnStdout()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Queued);
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "job", "watch", s_id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Queued", "Transferring", "Transferred"], lines.Select(State));
        using var json = JsonDocument.Parse(lines[1]);
        Assert.Equal(
            ["id", "state", "bytesTransferred", "bytesTotal", "filesTransferred", "filesTotal", "bytesPerSecond", "etaSeconds"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(FakeTransferClient.JobId, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(512, json.RootElement.GetProperty("bytesTransferred").GetInt64());

        // People's messages stay on stderr, so stdout is JSON lines and nothing else.
        Assert.DoesNotContain("Transferring", run.Error, StringComparison.Ordinal);
        Assert.Contains("transferred", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_FormatJson_EndsWithTheSettledState()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Transferring", "Transferred"], lines.Select(State));
        Assert.Equal("complete", client.Calls[^1]);
    }

    [Fact]
    public async Task Transfer_Default_ShowsPlainProgressLinesOnStderr()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Empty(run.Out);
        Assert.Contains("Transferring   ?%  512 B/?  --  ETA --  files 1/2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', run.Error);
    }

    private static string? State(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.GetProperty("state").GetString();
    }
}
