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
    public async Task Transfer_WatchEndingAtAcknowledged_MakesNoCompleteCall_AndExitsZero()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { Files = [.. client.Job.Files.Select(f => f with { Completed = true })], CompleteWhenTransferred = true };
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Acknowledged);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain("complete", client.Calls);
        Assert.Contains($"job {s_id}: 2 file(s) in place.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_WhenTheServicesMoveFailed_CallsComplete_AndReportsItsRefusalAsBefore()
    {
        // The watch ends at Transferred with the move's error (settled); Complete tries the moves again, which fail as
        // they did: the refusal is reported as any Complete's, exit 3 naming the code.
        var client = new FakeTransferClient
        {
            CompleteRefusal = new TransferJobException(TransferErrorCode.DestinationNotRegularFile, "/data/a.bin is a directory"),
        };
        var error = new JobError(TransferErrorCode.DestinationNotRegularFile, ErrorContext.LocalFile, "/data/a.bin is a directory", null, 0);
        client.Job = FakeTransferClient.Sample(JobState.Transferred, error) with { CompleteWhenTransferred = true };
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error DestinationNotRegularFile", run.Error, StringComparison.Ordinal);
        Assert.Equal("complete", client.Calls[^1]);
    }

    [Fact]
    public async Task JobWatch_SelfCompletionFailed_ExitsOne_WithTheErrorAndWhatToDo()
    {
        var client = new FakeTransferClient();
        var error = new JobError(TransferErrorCode.DestinationNotRegularFile, ErrorContext.LocalFile, "/data/a.bin is a directory", null, 0);
        client.Job = FakeTransferClient.Sample(JobState.Transferred, error) with { CompleteWhenTransferred = true };
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "job", "watch", s_id, "-q");

        Assert.Equal(ExitCodes.JobFailed, run.ExitCode);
        Assert.Contains("DestinationNotRegularFile", run.Error, StringComparison.Ordinal);
        Assert.Contains($"'xfer job complete {s_id}'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("complete", client.Calls);
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
