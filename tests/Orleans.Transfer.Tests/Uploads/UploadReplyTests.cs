using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// UploadReply jobs: the scripted upload, then the reply downloaded by the real worker from a real origin, then
/// Close-Session; the reply's progress apart from the job's (B52), in memory (B107), and renamed into place on Complete.
/// </summary>
[Collection(UploadCollection.Name)]
public sealed class UploadReplyTests(UploadClusterFixture fixture)
{
    private const long Size = 100;
    private const string UploadUrl = "http://127.0.0.1:8470/uploads/report.zip";

    [Fact]
    public async Task UploadReply_UploadsThenDownloadsTheReplyThenClosesTheSession()
    {
        var content = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var replyUrl = fixture.AddReply(content);
        var local = fixture.NewLocalFile((int)Size);
        var replyPath = Path.Combine(Path.GetDirectoryName(local)!, "answer.bin");
        var (job, id) = await NewJobAsync(local, replyPath);

        var run = await fixture.Runs.NextUploadAsync(id);
        Assert.True(run.Request.ExpectReply);
        run.Connected(Size);
        run.Write(UploadRunTests.Checkpoint(TransferEventKind.Checkpoint, 50));
        run.End(UploadRunTests.Checkpoint(TransferEventKind.Completed, Size) with { ReplyUrl = replyUrl });

        var download = await fixture.Runs.NextDownloadAsync(id);
        Assert.Equal((replyUrl, TransferDirection.Download, "tester"), (download.RemoteUrl, download.Direction, download.Owner));
        Assert.Equal(Path.GetDirectoryName(replyPath), Path.GetDirectoryName(download.TempPath));
        var (packet, close, session) = await fixture.Sessions.NextAsync(id);
        Assert.Equal(("close", "{5a0b2c1e-session}", TransferDirection.Upload, UploadUrl), (packet, session.SessionId, close.Direction, close.RemoteUrl));

        var transferred = await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred");
        Assert.Equal((Size, Size), (transferred.Progress.BytesTransferred, transferred.Progress.BytesTotal));
        Assert.Equal(new JobReplyInfo(content.Length, content.Length, replyPath), transferred.Reply);

        var reply = await job.GetReplyAsync();
        Assert.Equal(content, reply.Data);
        Assert.False(File.Exists(replyPath));

        await job.CompleteAsync();
        Assert.Equal(content, await File.ReadAllBytesAsync(replyPath));
        Assert.False(File.Exists(download.TempPath));
        Assert.Equal(content, (await job.GetReplyAsync()).Data);
    }

    [Fact]
    public async Task CloseFailure_IsLogged_AndTheJobIsTransferredAnyway()
    {
        var replyUrl = fixture.AddReply([1, 2, 3]);
        var (job, id) = await NewJobAsync(fixture.NewLocalFile((int)Size));
        fixture.Sessions.CloseFailure = new TransferFailure(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "503.", 503, IsTransient: true);
        try
        {
            var run = await fixture.Runs.NextUploadAsync(id);
            run.End(UploadRunTests.Checkpoint(TransferEventKind.Completed, Size) with { ReplyUrl = replyUrl });

            var transferred = await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred");
            Assert.Equal("close", (await fixture.Sessions.NextAsync(id)).Packet);
            Assert.True(transferred.Reply!.IsComplete);
        }
        finally
        {
            fixture.Sessions.CloseFailure = null;
        }
    }

    [Fact]
    public async Task GetReply_AboveOneMebibyte_IsTooLargeNamingTheReplyFile()
    {
        var replyUrl = fixture.AddReply(new byte[JobReply.MaxInMemoryBytes + 1]);
        var (job, id) = await NewJobAsync(fixture.NewLocalFile((int)Size));
        var run = await fixture.Runs.NextUploadAsync(id);
        run.End(UploadRunTests.Checkpoint(TransferEventKind.Completed, Size) with { ReplyUrl = replyUrl });
        var transferred = await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred");

        var error = await Assert.ThrowsAsync<TransferJobException>(job.GetReplyAsync);

        Assert.Equal(TransferErrorCode.TooLarge, error.Code);
        Assert.Contains(transferred.Reply!.Path, error.Message, StringComparison.Ordinal);
        await job.CancelAsync();
    }

    [Fact]
    public async Task GetReply_BeforeTheReplyIsIn_OrForAnUpload_IsInvalidState()
    {
        var (replyJob, _) = await NewJobAsync(fixture.NewLocalFile((int)Size), resume: false);
        var upload = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await upload.CreateAsync(new CreateJobRequest("upload", null, JobType.Upload, JobPriority.Normal, "tester", [new FileSpec(UploadUrl, fixture.NewLocalFile())]));

        Assert.Equal(TransferErrorCode.InvalidState, (await Assert.ThrowsAsync<TransferJobException>(replyJob.GetReplyAsync)).Code);
        Assert.Equal(TransferErrorCode.InvalidState, (await Assert.ThrowsAsync<TransferJobException>(upload.GetReplyAsync)).Code);
    }

    [Fact]
    public async Task Cancel_DuringTheReply_CancelsTheSession_AndLeavesNoReplyFile()
    {
        var name = $"stalling-reply-{Guid.NewGuid():N}";
        fixture.Origin.AddGenerated(name, 1024 * 1024, seed: 3).StallAfter(200 * 1024);
        var (job, id) = await NewJobAsync(fixture.NewLocalFile((int)Size));
        var run = await fixture.Runs.NextUploadAsync(id);
        run.End(UploadRunTests.Checkpoint(TransferEventKind.Completed, Size) with { ReplyUrl = fixture.Origin.UrlFor(name).ToString() });
        var download = await fixture.Runs.NextDownloadAsync(id);
        var replying = await JobWaits.UntilAsync(job, i => i.Reply is { BytesTotal: not null }, "the reply's size known");
        Assert.Equal((Size, 1024L * 1024), (replying.Progress.BytesTransferred, replying.Reply!.BytesTotal));

        await job.CancelAsync();

        var (packet, _, _) = await fixture.Sessions.NextAsync(id);
        Assert.Equal("cancel", packet);
        Assert.False(File.Exists(download.TempPath));
        Assert.False(File.Exists(replying.Reply.Path));
    }

    private async Task<(ITransferJobGrain Job, Guid Id)> NewJobAsync(string local, string? replyPath = null, bool resume = true)
    {
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        await job.CreateAsync(new CreateJobRequest(
            "upload-reply", null, JobType.UploadReply, JobPriority.Foreground, "tester", [new FileSpec(UploadUrl, local)], Resume: resume, ReplyPath: replyPath));
        return (job, id);
    }
}
