using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// Upload jobs run by the grain against scripted upload runs: the request they carry, the server session kept with
/// the file across a restart, Complete, Cancel (B36, B44), a changed local file (B64), and application errors (B41).
/// </summary>
[Collection(UploadCollection.Name)]
public sealed class UploadRunTests(UploadClusterFixture fixture)
{
    private const long Size = 100;
    private const string UploadUrl = "http://127.0.0.1:8470/uploads/report.zip";
    private static readonly UploadSessionRef s_session = new("{5a0b2c1e-session}", "http://10.0.0.7:8470", 30);

    [Fact]
    public async Task Upload_RunsAnUploadOfTheFileItself_ThenTransferred_ThenAcknowledgedOnComplete()
    {
        var local = fixture.NewLocalFile((int)Size);
        var (job, id) = await NewUploadAsync(JobType.Upload, local);

        var run = await fixture.Runs.NextUploadAsync(id);
        Assert.Equal((TransferDirection.Upload, UploadUrl, local, false), (run.Request.Direction, run.Request.RemoteUrl, run.Request.TempPath, run.Request.ExpectReply));
        Assert.Equal(("tester", 0L, (UploadSessionRef?)null), (run.Request.Owner, run.Request.Checkpoint.BytesWritten, run.Request.Checkpoint.UploadSession));
        run.Connected(Size);
        run.Write(Checkpoint(TransferEventKind.Checkpoint, 60));
        run.End(Checkpoint(TransferEventKind.Completed, Size));

        var transferred = await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred");
        Assert.Equal((Size, Size, 1), (transferred.Progress.BytesTransferred, transferred.Progress.BytesTotal, transferred.Progress.FilesTransferred));
        Assert.Null(transferred.Reply);

        var acknowledged = await job.CompleteAsync();
        Assert.Equal(JobState.Acknowledged, acknowledged.State);
        Assert.True(File.Exists(local));
        Assert.False(fixture.Sessions.HasMore(id));
    }

    [Fact]
    public async Task Complete_BeforeTransferred_IsInvalidState_AndTheUploadGoesOn()
    {
        var (job, id) = await NewUploadAsync(JobType.Upload, fixture.NewLocalFile((int)Size));
        var run = await fixture.Runs.NextUploadAsync(id);
        run.Connected(Size);
        run.Write(Checkpoint(TransferEventKind.Checkpoint, 40));
        await JobWaits.UntilAsync(job, i => i.Progress.BytesTransferred == 40, "40 bytes checkpointed");

        var refused = await Assert.ThrowsAsync<TransferJobException>(job.CompleteAsync);

        Assert.Equal(TransferErrorCode.InvalidState, refused.Code);
        run.End(Checkpoint(TransferEventKind.Completed, Size));
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred after the refused Complete");
        Assert.Equal(JobState.Acknowledged, (await job.CompleteAsync()).State);
    }

    [Fact]
    public async Task Session_InACheckpoint_IsPersisted_AndHandedToTheNextRunAfterASiloRestart()
    {
        var (job, id) = await NewUploadAsync(JobType.Upload, fixture.NewLocalFile((int)Size));
        var first = await fixture.Runs.NextUploadAsync(id);
        first.Connected(Size);
        first.Write(Checkpoint(TransferEventKind.Checkpoint, 40));
        await JobWaits.UntilAsync(job, i => i.Progress.BytesTransferred == 40, "40 bytes checkpointed");

        await fixture.RestartSiloAsync();

        var second = await fixture.Runs.NextUploadAsync(id);
        Assert.Equal((40L, s_session), (second.Request.Checkpoint.BytesWritten, second.Request.Checkpoint.UploadSession));
        second.End(Checkpoint(TransferEventKind.Completed, Size));
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred after the restart");
    }

    [Fact]
    public async Task Cancel_WithAnOpenSession_CancelsItInTheBackground_AndLeavesTheLocalFile()
    {
        var local = fixture.NewLocalFile((int)Size);
        var (job, id) = await NewUploadAsync(JobType.Upload, local);
        var run = await fixture.Runs.NextUploadAsync(id);
        run.Connected(Size);
        run.Write(Checkpoint(TransferEventKind.Checkpoint, 30));
        await JobWaits.UntilAsync(job, i => i.Progress.BytesTransferred == 30, "30 bytes checkpointed");

        var cancelled = await job.CancelAsync();

        Assert.Equal(JobState.Cancelled, cancelled.State);
        var (packet, request, session) = await fixture.Sessions.NextAsync(id);
        Assert.Equal(("cancel", s_session, TransferDirection.Upload, UploadUrl, "tester"), (packet, session, request.Direction, request.RemoteUrl, request.Owner));
        Assert.True(File.Exists(local));
    }

    [Fact]
    public async Task Cancel_BeforeAnySession_SendsNothing()
    {
        var (job, id) = await NewUploadAsync(JobType.Upload, fixture.NewLocalFile((int)Size), resume: false);

        await job.CancelAsync();

        Assert.False(fixture.Sessions.HasMore(id));
    }

    [Fact]
    public async Task LocalFileChanged_IsFatal_AndResumeStartsAgainFromZeroInANewSession()
    {
        var (job, id) = await NewUploadAsync(JobType.Upload, fixture.NewLocalFile((int)Size));
        var first = await fixture.Runs.NextUploadAsync(id);
        first.Connected(Size);
        first.Write(Checkpoint(TransferEventKind.Checkpoint, 50));
        first.End(Checkpoint(TransferEventKind.Failed, 50) with
        {
            Failure = new TransferFailure(TransferErrorCode.LocalFileChanged, ErrorContext.LocalFile, "The file changed.", null, IsTransient: false),
        });

        var failed = await JobWaits.UntilAsync(job, i => i.State == JobState.Error, "error");
        Assert.Equal((TransferErrorCode.LocalFileChanged, ErrorContext.LocalFile, 0L), (failed.Error!.Code, failed.Error.Context, failed.Progress.BytesTransferred));
        var (packet, _, session) = await fixture.Sessions.NextAsync(id);
        Assert.Equal(("cancel", s_session), (packet, session));

        await job.ResumeAsync();

        var second = await fixture.Runs.NextUploadAsync(id);
        Assert.Equal((0L, (UploadSessionRef?)null), (second.Request.Checkpoint.BytesWritten, second.Request.Checkpoint.UploadSession));
        second.End(Checkpoint(TransferEventKind.Completed, Size));
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "transferred after resume");
    }

    [Theory]
    [InlineData(false, JobState.Error)]
    [InlineData(true, JobState.TransientError)]
    public async Task ServerApplicationError_ReachesTheJobsError_WithItsContext(bool transient, JobState expected)
    {
        var (job, id) = await NewUploadAsync(JobType.UploadReply, fixture.NewLocalFile((int)Size));
        var run = await fixture.Runs.NextUploadAsync(id);
        run.Connected(Size);
        run.End(Checkpoint(TransferEventKind.Failed, Size) with
        {
            Failure = new TransferFailure(TransferErrorCode.ServerApplicationError, ErrorContext.RemoteApplication, "The application answered 500.", 500, transient),
        });

        var failed = await JobWaits.UntilAsync(job, i => i.State == expected, expected.ToString());

        Assert.Equal((TransferErrorCode.ServerApplicationError, ErrorContext.RemoteApplication, 500), (failed.Error!.Code, failed.Error.Context, failed.Error.HttpStatus));
        await job.CancelAsync();
    }

    internal static TransferEvent Checkpoint(TransferEventKind kind, long bytes) =>
        new(kind, new FileCheckpoint(bytes, Size, null, null, false, null, s_session));

    private async Task<(ITransferJobGrain Job, Guid Id)> NewUploadAsync(JobType type, string local, bool resume = true)
    {
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        await job.CreateAsync(new CreateJobRequest("upload", null, type, JobPriority.Foreground, "tester", [new FileSpec(UploadUrl, local)], Resume: resume));
        return (job, id);
    }
}
