using System.Text.Json;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>job create --type</c>, <c>job add-file</c>, <c>job reply</c> and <c>job info</c> for upload jobs, against a scripted client.</summary>
public sealed class UploadJobCommandsTests : IDisposable
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    private static readonly byte[] s_reply = [0, 1, 2, 0xFF, 0xFE, (byte)'\n', (byte)'o', (byte)'k'];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-upload-jobs-");

    [Theory]
    [InlineData("upload", JobType.Upload)]
    [InlineData("UPLOAD-REPLY", JobType.UploadReply)]
    public async Task JobCreate_Type_CreatesThatKind_AndPrintsOnlyTheId(string type, JobType expected)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "create", "logs", "--type", type, "--priority", "low");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(s_id + Environment.NewLine, run.Out);
        var request = client.LastCreate!;
        Assert.Equal(("logs", expected, JobPriority.Low, false, null), (request.DisplayName, request.Type, request.Priority, request.Resume, request.ReplyPath));
        Assert.Null(request.Files);
    }

    [Fact]
    public async Task JobCreate_TypeDownload_IsTheDownloadJobAsBefore()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "create", "nightly", "--type", "download");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("create nightly Normal", Assert.Single(client.Calls));
    }

    [Fact]
    public async Task JobCreate_UploadReplyWithReply_SendsTheReplyPathMadeAbsolute()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "create", "logs", "--type", "upload-reply", "--reply", "replies/r.bin");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(Path.GetFullPath("replies/r.bin"), client.LastCreate!.ReplyPath);
    }

    [Theory]
    [InlineData("--type", "sideload")]
    [InlineData("--type", "1")]
    [InlineData("--type")]
    [InlineData("--reply", "r.bin")]
    [InlineData("--type", "upload", "--reply", "r.bin")]
    public async Task JobCreate_BadTypeOrReply_ExitsTwo_NamingTheOption(params string[] options)
    {
        var run = await CliRun.WithoutServiceAsync(["job", "create", "logs", .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(options.Contains("--reply") ? "--reply" : "--type", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFile_ToAnUploadJob_SendsTheFileToSendMadeAbsolute()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "http://host:8470/uploads/r.zip", "out/r.zip");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new FileSpec("http://host:8470/uploads/r.zip", Path.GetFullPath("out/r.zip")), Assert.Single(client.AddedFiles));
    }

    [Fact]
    public async Task Reply_ToStdout_IsTheRawBytes_AndNothingElse()
    {
        var client = new FakeTransferClient { Reply = Reply() };
        using var stdout = new MemoryStream();

        var run = await CliRun.WithRawOutAsync(client, stdout, "job", "reply", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(s_reply, stdout.ToArray());
        Assert.Empty(run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Reply_Output_CreatesAPrivateFile_AndRefusesToOverwriteWithoutForce()
    {
        var client = new FakeTransferClient { Reply = Reply() };
        var path = Path.Combine(_directory.FullName, "reply.bin");

        var first = await CliRun.InvokeAsync(client, "job", "reply", s_id, "--output", path);
        client.Reply = new JobReply(new JobReplyInfo(1, 1, "/r"), [42]);
        var second = await CliRun.InvokeAsync(client, "job", "reply", s_id, "-o", path);

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.Equal(ExitCodes.Usage, second.ExitCode);
        Assert.Contains("exists; add --force to replace it", second.Error, StringComparison.Ordinal);
        Assert.Equal(s_reply, File.ReadAllBytes(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Reply_OutputForce_ReplacesTheFile_WhichStaysPrivate()
    {
        var path = Path.Combine(_directory.FullName, "reply.bin");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0x1B6);
        }

        var run = await CliRun.InvokeAsync(new FakeTransferClient { Reply = Reply() }, "job", "reply", s_id, "--output", path, "--force");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(s_reply, File.ReadAllBytes(path));
        Assert.Equal(["reply.bin"], _directory.GetFiles().Select(f => f.Name));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Reply_NotReady_ExitsThree_WithTheServicesCode_AndWritesNoFile()
    {
        var path = Path.Combine(_directory.FullName, "reply.bin");

        var run = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "reply", s_id, "--output", path);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error InvalidState:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("job", "reply")]
    [InlineData("job", "reply", "not-a-guid")]
    [InlineData("job", "reply", "0b7f4c36-5a39-4c1e-9d35-1f2a3b4c5d6e", "--force")]
    [InlineData("job", "reply", "0b7f4c36-5a39-4c1e-9d35-1f2a3b4c5d6e", "--output")]
    public async Task Reply_BadCommandLine_ExitsTwo(params string[] args)
    {
        var run = await CliRun.WithoutServiceAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UploadReplyJob_ShowsTypeAndTheReply_InTableAndJson()
    {
        var client = new FakeTransferClient
        {
            Job = FakeTransferClient.Sample(JobState.Transferring) with { Type = JobType.UploadReply, Reply = new JobReplyInfo(2048, 1024, "/data/reply.bin") },
        };

        var table = await CliRun.InvokeAsync(client, "job", "info", s_id);
        var json = await CliRun.InvokeAsync(client, "job", "info", s_id, "--format", "json");

        Assert.Matches(@"Type\s+UploadReply", table.Out);
        Assert.Matches(@"Reply\s+1\.0 KiB/2\.0 KiB", table.Out);
        Assert.Matches(@"Reply file\s+/data/reply\.bin", table.Out);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("UploadReply", document.RootElement.GetProperty("type").GetString());
        var reply = document.RootElement.GetProperty("reply");
        Assert.Equal((2048, 1024, "/data/reply.bin"), (reply.GetProperty("bytesTotal").GetInt64(), reply.GetProperty("bytesTransferred").GetInt64(), reply.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task Info_Json_ReplyIsNull_ForADownload_AndBytesTotalNullWhileUnknown()
    {
        var download = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "info", s_id, "--format", "json");
        var pending = new FakeTransferClient
        {
            Job = FakeTransferClient.Sample(JobState.Transferring) with { Type = JobType.UploadReply, Reply = new JobReplyInfo(null, 0, "/data/.reply") },
        };
        var unknown = await CliRun.InvokeAsync(pending, "job", "info", s_id, "--format", "json");

        using var downloadJson = JsonDocument.Parse(download.Out);
        using var unknownJson = JsonDocument.Parse(unknown.Out);
        Assert.Equal(JsonValueKind.Null, downloadJson.RootElement.GetProperty("reply").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknownJson.RootElement.GetProperty("reply").GetProperty("bytesTotal").ValueKind);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static JobReply Reply() => new(new JobReplyInfo(s_reply.Length, s_reply.Length, "/data/reply.bin"), s_reply);
}
