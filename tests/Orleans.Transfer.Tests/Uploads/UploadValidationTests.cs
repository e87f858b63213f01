using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>What an Upload or UploadReply job accepts (B03): one whole file to an upload URL, and a reply path only with a reply.</summary>
[Collection(UploadCollection.Name)]
public sealed class UploadValidationTests(UploadClusterFixture fixture)
{
    private const string UploadUrl = "http://127.0.0.1:8470/uploads/report.zip";

    [Theory]
    [InlineData(JobType.Upload)]
    [InlineData(JobType.UploadReply)]
    public async Task Create_OneFile_IsTheFileToSendAsItIs(JobType type)
    {
        var local = fixture.NewLocalFile();
        var info = await NewJob().CreateAsync(Request(type, [new FileSpec(UploadUrl, local)]));

        var file = Assert.Single(info.Files);
        Assert.Equal((type, UploadUrl, local), (info.Type, file.RemoteUrl, file.LocalPath));
        Assert.Equal(type == JobType.UploadReply, info.Reply is not null);
    }

    [Fact]
    public async Task Create_TwoFiles_IsRefusedNamingTheSecond()
    {
        var job = NewJob();
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(
            Request(JobType.Upload, [new FileSpec(UploadUrl, fixture.NewLocalFile()), new FileSpec(UploadUrl + "2", fixture.NewLocalFile())])));

        Assert.Equal((TransferErrorCode.TooManyFiles, "files[1]"), (error.Code, error.Field));
        Assert.Contains("exactly one file", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync);
    }

    [Fact]
    public async Task AddFiles_ASecondFile_IsRefusedAndTheJobKeepsOne()
    {
        var job = NewJob();
        await job.CreateAsync(Request(JobType.UploadReply, [new FileSpec(UploadUrl, fixture.NewLocalFile())]));

        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.AddFilesAsync([new FileSpec(UploadUrl, fixture.NewLocalFile())]));

        Assert.Equal((TransferErrorCode.TooManyFiles, "files[0]"), (error.Code, error.Field));
        Assert.Contains("already has it", error.Message, StringComparison.Ordinal);
        Assert.Single((await job.GetInfoAsync()).Files);
    }

    [Fact]
    public async Task AddFiles_TheOneFileToAnEmptyJob_IsTaken()
    {
        var job = NewJob();
        await job.CreateAsync(Request(JobType.Upload, null));

        var info = await job.AddFilesAsync([new FileSpec(UploadUrl, fixture.NewLocalFile())]);

        Assert.Single(info.Files);
    }

    [Fact]
    public async Task Create_WithRanges_IsRefused()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.Upload, [new FileSpec(UploadUrl, fixture.NewLocalFile(), [new ByteRange(0, 10)])])));

        Assert.Equal((TransferErrorCode.InvalidRange, "files[0].ranges"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Create_WithADigest_IsRefused_UploadsAreNotHashed()
    {
        var digest = new ContentDigest(DigestAlgorithm.Sha256, new string('0', 64));

        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.Upload, [new FileSpec(UploadUrl, fixture.NewLocalFile(), Digest: digest)])));

        Assert.Equal((TransferErrorCode.InvalidArgument, "files[0].digest"), (error.Code, error.Field));
        Assert.Contains("downloads only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/uploads/a.zip")]
    [InlineData("file:///tmp/a.zip")]
    public async Task Create_UrlNoTransportUploadsTo_IsRefused(string url)
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.Upload, [new FileSpec(url, fixture.NewLocalFile())])));

        Assert.Equal((TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("smb://127.0.0.1/xfer/in/report.zip")]
    [InlineData(@"\\fileserver\share\in\report.zip")]
    public async Task Create_UploadReplyToAShare_IsRefused_AndAnUploadTakesIt(string share)
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.UploadReply, [new FileSpec(share, fixture.NewLocalFile())])));
        var upload = await NewJob().CreateAsync(Request(JobType.Upload, [new FileSpec(share, fixture.NewLocalFile())]));

        Assert.Equal((TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl"), (error.Code, error.Field));
        Assert.Contains("B128", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("smb://", Assert.Single(upload.Files).RemoteUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RelativeLocalPath_IsRefused()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.Upload, [new FileSpec(UploadUrl, "report.zip")])));

        Assert.Equal((TransferErrorCode.InvalidLocalPath, "files[0].localPath"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(JobType.Upload)]
    [InlineData(JobType.Download)]
    public async Task Create_ReplyPathWithoutAReply_IsRefused(JobType type)
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(type, null) with { ReplyPath = Path.Combine(fixture.FilesDirectory, "reply.bin") }));

        Assert.Equal((TransferErrorCode.InvalidArgument, "replyPath"), (error.Code, error.Field));
    }

    /// <summary>
    /// Adds: the checks that need the disk still apply to uploads (the local file's directory) and to a reply path,
    /// now made off the grain with the owner's rights, and a refusal leaves no job.
    /// </summary>
    [Fact]
    public async Task Create_LocalFileOrReplyPathInAMissingDirectory_IsDestinationNotFound_AndCreatesNothing()
    {
        var missing = Path.Combine(fixture.FilesDirectory, "missing");
        var upload = NewJob();
        var uploadError = await Assert.ThrowsAsync<TransferJobException>(() => upload.CreateAsync(
            Request(JobType.Upload, [new FileSpec(UploadUrl, Path.Combine(missing, "report.zip"))])));
        var reply = NewJob();
        var replyError = await Assert.ThrowsAsync<TransferJobException>(() => reply.CreateAsync(
            Request(JobType.UploadReply, [new FileSpec(UploadUrl, fixture.NewLocalFile())]) with { ReplyPath = Path.Combine(missing, "reply.bin") }));

        Assert.Equal((TransferErrorCode.DestinationNotFound, "files[0].localPath"), (uploadError.Code, uploadError.Field));
        Assert.Equal((TransferErrorCode.DestinationNotFound, "replyPath"), (replyError.Code, replyError.Field));
        await Assert.ThrowsAsync<TransferJobException>(upload.GetInfoAsync);
        await Assert.ThrowsAsync<TransferJobException>(reply.GetInfoAsync);
    }

    [Fact]
    public async Task Create_RelativeReplyPath_IsRefused()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.UploadReply, null) with { ReplyPath = "reply.bin" }));

        Assert.Equal((TransferErrorCode.InvalidLocalPath, "replyPath"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Create_ReplyPathTheFileToSend_IsRefused()
    {
        var local = fixture.NewLocalFile();
        var error = await Assert.ThrowsAsync<TransferJobException>(() => NewJob().CreateAsync(
            Request(JobType.UploadReply, [new FileSpec(UploadUrl, local)]) with { ReplyPath = local }));

        Assert.Equal((TransferErrorCode.InvalidArgument, "replyPath"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Create_ReplyPath_IsTheReplysFile_AndTheDefaultIsHiddenBesideTheUpload()
    {
        var local = fixture.NewLocalFile();
        var named = Path.Combine(Path.GetDirectoryName(local)!, "answer.bin");
        var withName = await NewJob().CreateAsync(Request(JobType.UploadReply, [new FileSpec(UploadUrl, local)]) with { ReplyPath = named });
        var job = NewJob();
        var withDefault = await job.CreateAsync(Request(JobType.UploadReply, [new FileSpec(UploadUrl, fixture.NewLocalFile())]));

        Assert.Equal(new JobReplyInfo(null, 0, named), withName.Reply);
        var defaultPath = withDefault.Reply!.Path;
        Assert.Equal(Path.GetDirectoryName(withDefault.Files[0].LocalPath), Path.GetDirectoryName(defaultPath));
        Assert.StartsWith(".report.zip.", Path.GetFileName(defaultPath), StringComparison.Ordinal);
        Assert.Contains(withDefault.Id.ToString("N"), defaultPath, StringComparison.Ordinal);
    }

    private static CreateJobRequest Request(JobType type, IReadOnlyList<FileSpec>? files) =>
        new("upload", null, type, JobPriority.Normal, "tester", files);

    private ITransferJobGrain NewJob() => fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
}
