using Orleans.Transfer.Cli.Service;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Exit codes and messages of service-backed commands, against a scripted client.</summary>
public sealed class CommandBehaviourTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Fact]
    public async Task JobCreate_PrintsOnlyTheId()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "create", "nightly", "--priority", "low");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(s_id + Environment.NewLine, run.Out);
        Assert.Equal("create nightly Low", Assert.Single(client.Calls));
    }

    [Fact]
    public async Task AddFile_MakesPathAbsolute_AndParsesRanges()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin", "--range", "0:100", "--range", "200:eof");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var file = Assert.Single(client.AddedFiles);
        Assert.Equal(Path.GetFullPath("out/a.bin"), file.LocalPath);
        Assert.Equal([new ByteRange(0, 100), new ByteRange(200, null)], file.Ranges);
    }

    [Fact]
    public async Task JobSet_SendsOnlyGivenProperties()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--priority", "foreground", "--min-retry-delay", "30");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            $"set {new JobPropertiesUpdate(Priority: JobPriority.Foreground, MinimumRetryDelay: TimeSpan.FromSeconds(30))}",
            Assert.Single(client.Calls));
    }

    [Theory]
    [InlineData(TransferErrorCode.NotFound, null)]
    [InlineData(TransferErrorCode.InvalidLocalPath, "files[0].localPath")]
    [InlineData(TransferErrorCode.InvalidState, null)]
    public async Task Refusal_ExitsThree_PrintingCodeAndField(TransferErrorCode code, string? field)
    {
        var client = new FakeTransferClient { Refusal = new TransferJobException(code, "refused for a test", field) };

        var run = await CliRun.InvokeAsync(client, "job", "resume", s_id);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains($"error {code}: refused for a test", run.Error, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains(field, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ServiceUnavailable_ExitsFour()
    {
        var run = await CliRun.InvokeAsync(
            _ => throw new ServiceUnavailableException("could not start the transfer service: see silo.log"),
            CancellationToken.None,
            "job", "list");

        Assert.Equal(ExitCodes.ServiceUnavailable, run.ExitCode);
        Assert.Contains("silo.log", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_NoWait_CreatesAndResumesInOneCall_PrintsId()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--name", "n");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(s_id + Environment.NewLine, run.Out);
        Assert.Equal(["create-job n Normal"], client.Calls);
        Assert.True(client.LastCreate!.Resume);
        Assert.Equal(Path.GetFullPath("a.bin"), Assert.Single(client.AddedFiles).LocalPath);
    }

    [Fact]
    public async Task Transfer_Transferred_CompletesAndExitsZero()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "https://example.com/b.bin", "b.bin");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("complete", client.Calls[^1]);
        Assert.Equal(2, client.AddedFiles.Count);
        Assert.Contains("Transferring", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_Error_PrintsErrorAndExitsOne_LeavingTheJob()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Connecting);
        client.Job = client.Job with { Error = new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "Not Found", 404, 0) };
        client.WatchStates.Enqueue(JobState.Error);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.Equal(ExitCodes.JobFailed, run.ExitCode);
        Assert.Contains("error HttpStatus (RemoteFile, HTTP 404) on file 0", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel", client.Calls);
        Assert.DoesNotContain("complete", client.Calls);
    }

    [Fact]
    public async Task Transfer_CancelledElsewhere_ExitsFive()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Cancelled);

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.Equal(ExitCodes.NotCompleted, run.ExitCode);
    }

    [Fact]
    public async Task Transfer_RefusedFiles_LeavesNoJob_ExitsThree()
    {
        var client = new FakeTransferClient
        {
            AddRefusal = new TransferJobException(TransferErrorCode.DestinationNotFound, "no such directory", "files[0].localPath"),
        };

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error DestinationNotFound", run.Error, StringComparison.Ordinal);

        // The refusal came from the one create call: there is no job to clean up.
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task Transfer_Interrupted_LeavesJobRunning_Exits130()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Transferring);
        using var interrupt = new CancellationTokenSource();
        _ = client.Watching.Task.ContinueWith(_ => interrupt.Cancel(), TaskScheduler.Default);

        var run = await CliRun.InvokeAsync(_ => Task.FromResult<Client.ITransferClient>(client), interrupt.Token, "transfer", "https://example.com/a.bin", "a.bin");

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Contains($"xfer job watch {s_id}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"xfer job cancel {s_id}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel", client.Calls);
    }

    [Fact]
    public async Task Watch_ExitCodeFollowsTheSettledState()
    {
        var transferred = new FakeTransferClient();
        transferred.WatchStates.Enqueue(JobState.Transferred);
        var failed = new FakeTransferClient();
        failed.WatchStates.Enqueue(JobState.Error);

        Assert.Equal(ExitCodes.Success, (await CliRun.InvokeAsync(transferred, "job", "watch", s_id)).ExitCode);
        Assert.Equal(ExitCodes.JobFailed, (await CliRun.InvokeAsync(failed, "job", "watch", s_id)).ExitCode);
    }
}
