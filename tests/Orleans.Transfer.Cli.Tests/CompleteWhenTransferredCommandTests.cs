using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// CompleteWhenTransferred on the command line (issue 16): <c>job create --complete-when-transferred</c>, <c>job set
/// --complete-when-transferred true|false</c>, its display in <c>job info</c>, and <c>transfer</c>, which asks for it.
/// </summary>
public sealed class CompleteWhenTransferredCommandTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Fact]
    public async Task JobCreate_CompleteWhenTransferred_SendsIt_AndWithoutItNothingChanges()
    {
        var client = new FakeTransferClient();

        var create = await CliRun.InvokeAsync(client, "job", "create", "auto", "--complete-when-transferred");
        Assert.True(create.ExitCode == ExitCodes.Success, create.ToString());
        Assert.Equal(s_id + Environment.NewLine, create.Out);
        Assert.True(client.LastCreate!.CompleteWhenTransferred);

        var plain = new FakeTransferClient();
        var run = await CliRun.InvokeAsync(plain, "job", "create", "plain");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["create plain Normal"], plain.Calls);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task JobSet_CompleteWhenTransferred_SendsTheValue(string value, bool expected)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--complete-when-transferred", value);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal($"set {new JobPropertiesUpdate(CompleteWhenTransferred: expected)}", Assert.Single(client.Calls));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("maybe")]
    public async Task JobSet_CompleteWhenTransferredWithoutTrueOrFalse_IsAUsageError(string? value)
    {
        var client = new FakeTransferClient();
        string[] args = value is null ? ["job", "set", s_id, "--complete-when-transferred"] : ["job", "set", s_id, "--complete-when-transferred", value];

        var run = await CliRun.InvokeAsync(client, args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task JobInfo_ShowsTheProperty_InTextAndJson()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { CompleteWhenTransferred = true };

        var text = await CliRun.InvokeAsync(client, "job", "info", s_id);
        var json = await CliRun.InvokeAsync(client, "job", "info", s_id, "--format", "json");
        var plain = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "info", s_id, "--format", "json");

        Assert.Contains("Complete when transferred", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.True(document.RootElement.GetProperty("completeWhenTransferred").GetBoolean());
        using var plainDocument = JsonDocument.Parse(plain.Out);
        Assert.False(plainDocument.RootElement.GetProperty("completeWhenTransferred").GetBoolean());
    }

    [Fact]
    public async Task Transfer_AsksTheServiceToComplete_AndStillCompletesAJobItSawTransferred()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.True(client.LastCreate!.CompleteWhenTransferred);
        Assert.Equal("complete", client.Calls[^1]);
    }
}
