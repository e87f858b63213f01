using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>xfer upload</c> against a scripted client: one atomic Upload job, progress, Complete, exit codes.</summary>
public sealed class UploadCommandTests : IDisposable
{
    private const string Url = "http://127.0.0.1:8470/uploads/report.zip";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-upload-cli-");

    [Fact]
    public async Task Upload_CreatesOneQueuedUploadJob_WithTheAbsolutePath_WaitsAndCompletes()
    {
        // A name relative to the current directory, as a user types it.
        var name = $"upload-{Guid.NewGuid():N}.bin";
        File.WriteAllBytes(name, [1, 2, 3]);
        try
        {
            var client = Transferring();

            var run = await CliRun.InvokeAsync(client, "upload", name, Url, "--priority", "high");

            Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
            var request = client.LastCreate!;
            Assert.Equal((JobType.Upload, JobPriority.High, true, null), (request.Type, request.Priority, request.Resume, request.ReplyPath));
            Assert.Equal(new FileSpec(Url, Path.GetFullPath(name)), Assert.Single(request.Files!));
            Assert.Null(request.Http);
            Assert.Null(request.Credentials);
            Assert.Equal(["create-job xfer upload High", "watch", "get", "complete"], client.Calls);
            Assert.Contains($"uploaded to {Url}", run.Error, StringComparison.Ordinal);
            Assert.Empty(run.Out);
        }
        finally
        {
            File.Delete(name);
        }
    }

    [Fact]
    public async Task Upload_WithReply_IsAnUploadReplyJob_WithTheReplyPathMadeAbsolute()
    {
        var client = Transferring();

        var run = await CliRun.InvokeAsync(client, "upload", NewFile(), Url, "--reply", "reply.bin", "--name", "crash report");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(JobType.UploadReply, client.LastCreate!.Type);
        Assert.Equal(Path.GetFullPath("reply.bin"), client.LastCreate.ReplyPath);
        Assert.Equal("crash report", client.LastCreate.DisplayName);
    }

    [Fact]
    public async Task Upload_HttpOptions_TravelWithTheJob_PasswordFromStandardInput()
    {
        var client = Transferring();

        var run = await CliRun.WithInputAsync(
            client, "s3cret\n", "upload", NewFile(), Url, "--user", "bob", "--auth", "basic", "--header", "X-Trace: 1", "--no-proxy");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "bob", "s3cret"), Assert.Single(client.LastCreate!.Credentials!));
        Assert.Equal(["X-Trace: 1"], client.LastCreate.Http!.CustomHeaders);
        Assert.Equal(ProxyUsage.None, client.LastCreate.Http.Proxy!.Usage);
        Assert.DoesNotContain("s3cret", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Error_ExitsOne_WithTheError_AndDoesNotComplete()
    {
        var error = new JobError(TransferErrorCode.LocalFileChanged, ErrorContext.LocalFile, "report.zip changed during the upload", null, 0);
        var client = new FakeTransferClient { Job = FakeTransferClient.Sample(JobState.Queued, error) };
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Error);

        var run = await CliRun.InvokeAsync(client, "upload", NewFile(), Url);

        Assert.Equal(ExitCodes.JobFailed, run.ExitCode);
        Assert.Contains("error LocalFileChanged (LocalFile) on file 0", run.Error, StringComparison.Ordinal);
        Assert.Contains("report.zip changed during the upload", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("complete", client.Calls);
    }

    [Fact]
    public async Task Upload_Cancelled_ExitsFive()
    {
        var client = new FakeTransferClient();
        client.WatchStates.Enqueue(JobState.Cancelled);

        var run = await CliRun.InvokeAsync(client, "upload", NewFile(), Url);

        Assert.Equal(ExitCodes.NotCompleted, run.ExitCode);
        Assert.Contains("ended Cancelled", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("complete", client.Calls);
    }

    [Fact]
    public async Task Upload_NoWait_PrintsOnlyTheId_AndDoesNotWatch()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "upload", NewFile(), Url, "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(FakeTransferClient.JobId + Environment.NewLine, run.Out);
        Assert.Equal(["create-job xfer upload Normal"], client.Calls);
    }

    [Fact]
    public async Task Upload_MissingFile_IsAUsageError_BeforeTheService()
    {
        var run = await CliRun.WithoutServiceAsync("upload", Path.Combine(_directory.FullName, "absent.bin"), Url);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("<file>:", run.Error, StringComparison.Ordinal);
        Assert.Contains("absent.bin' is not a file here", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upload")]
    [InlineData("upload", "only-a-file")]
    [InlineData("upload", "a", "b", "c")]
    [InlineData("upload", "a", Url, "--priority", "urgent")]
    [InlineData("upload", "a", Url, "--quiet", "--format", "json")]
    [InlineData("upload", "a", Url, "--format", "xml")]
    [InlineData("upload", "a", Url, "--max-size", "10M")]
    [InlineData("upload", "a", Url, "--auth", "ntlmv9")]
    [InlineData("upload", "a", Url, "--reply")]
    public async Task Upload_BadCommandLine_ExitsTwo_BeforeTheService(params string[] args)
    {
        var run = await CliRun.WithoutServiceAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ProxyAndNoProxy_ExitsTwo_NamingBoth()
    {
        var run = await CliRun.WithoutServiceAsync("upload", NewFile(), Url, "--proxy", "proxy:3128", "--no-proxy");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--proxy, --no-proxy: choose one.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_AuthWithoutUser_ExitsTwo()
    {
        var run = await CliRun.WithoutServiceAsync("upload", NewFile(), Url, "--auth", "basic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--auth: needs --user.", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static FakeTransferClient Transferring()
    {
        var client = new FakeTransferClient { Job = FakeTransferClient.Sample(JobState.Queued) };
        client.WatchStates.Enqueue(JobState.Transferring);
        client.WatchStates.Enqueue(JobState.Transferred);
        return client;
    }

    private string NewFile()
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }
}
