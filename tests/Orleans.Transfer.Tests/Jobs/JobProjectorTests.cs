using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Tests.Costs;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Tests.Jobs;

public sealed class JobProjectorTests
{
    private static readonly Guid s_id = Guid.NewGuid();
    private readonly FixedLiveProgress _live = new();
    private readonly TransferJobState _job = new()
    {
        Exists = true,
        DisplayName = "projected",
        State = JobState.Transferring,
        Notifications = new NotificationSettings(WebhookUrl: "https://example.test/h", WebhookSecret: "s3cret"),
        Files =
        [
            new JobFileState { RemoteUrl = "http://a/0", LocalPath = "/d/0", BytesTotal = 100, BytesTransferred = 100, Completed = true },
            new JobFileState { RemoteUrl = "http://a/1", LocalPath = "/d/1", BytesTotal = 200, BytesTransferred = 50 },
            new JobFileState { RemoteUrl = "http://a/2", LocalPath = "/d/2" },
        ],
    };

    private JobProjector Projector => new(s_id, () => _job, _live, TestCosts.For(() => _job), "127.0.0.1:11111@1");

    [Fact]
    public void ToInfo_ShowsLiveBytes_AndHidesTheWebhookSecret()
    {
        _live.FileIndex = 1;
        _live.Bytes = 120;
        var info = Projector.ToInfo();
        Assert.Equal(s_id, info.Id);
        Assert.Equal(new JobProgress(null, 220, 3, 1), info.Progress);
        Assert.Equal(120, info.Files[1].BytesTransferred);
        Assert.Equal("***", info.Notifications!.WebhookSecret);
    }

    [Fact]
    public void ToInfo_ShowsTheRunsYield_AndNullWhenNothingYields()
    {
        var yielding = new JobYieldInfo(Yielding: true, WindowBytes: 12 * 1024, RateBytesPerSecond: 1_250_000, "eth0", "tcp-timestamps");
        _live.Yield = yielding;
        Assert.Equal(yielding, Projector.ToInfo().Yield);

        _live.Yield = null;
        Assert.Null(Projector.ToInfo().Yield);
    }

    [Fact]
    public void CatalogEntry_CountsDurableBytesOnly()
    {
        _live.FileIndex = 1;
        _live.Bytes = 120;
        Assert.Equal(150, Projector.ToCatalogEntry().BytesTransferred);
    }

    [Theory]
    [InlineData(0, 2, 0, 2)]
    [InlineData(1, 1000, 1, 2)]
    [InlineData(5, 10, 5, 0)]
    public void ToFilePage_SlicesTheFiles(int offset, int count, int expectedOffset, int expectedCount)
    {
        var page = Projector.ToFilePage(offset, count);
        Assert.Equal((expectedOffset, 3, expectedCount), (page.Offset, page.Total, page.Files.Count));
        if (expectedCount > 0)
        {
            Assert.Equal($"/d/{offset}", page.Files[0].LocalPath);
        }
    }

    [Theory]
    [InlineData(-1, 1, "offset")]
    [InlineData(0, 0, "count")]
    [InlineData(0, JobLimits.MaxFilesPageSize + 1, "count")]
    public void ToFilePage_BadArguments_AreInvalidArgument(int offset, int count, string field)
    {
        var error = Assert.Throws<TransferJobException>(() => Projector.ToFilePage(offset, count));
        Assert.Equal((TransferErrorCode.InvalidArgument, field), (error.Code, error.Field));
    }

    [Fact]
    public void ToEvent_CarriesProgress_AndTheErrorOnlyInErrorStates()
    {
        var now = DateTimeOffset.UnixEpoch;
        _job.Error = new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "gone", 404, 2);
        var moving = Projector.ToEvent(JobEventKind.Progress, null, now, settled: false);
        Assert.Equal((JobState.Transferring, 150L, 1, 3, (int?)null, (TransferErrorCode?)null, (bool?)false), (moving.State, moving.BytesTransferred, moving.FilesTransferred, moving.FilesTotal, moving.FileIndex, moving.ErrorCode, moving.Settled));

        _job.State = JobState.Error;
        var failed = Projector.ToEvent(JobEventKind.JobError, null, now, settled: true);
        Assert.Equal((2, TransferErrorCode.HttpStatus, (bool?)true), (failed.FileIndex, failed.ErrorCode, failed.Settled));
        Assert.Equal(0, Projector.ToEvent(JobEventKind.FileTransferred, 0, now, settled: true).FileIndex);
    }

    [Fact]
    public void ToEvent_CarriesTheErrorOfAFailedSelfCompletion_OnlyOnceSettled()
    {
        var now = DateTimeOffset.UnixEpoch;
        _job.State = JobState.Transferred;
        _job.Error = new JobError(TransferErrorCode.DestinationInUse, ErrorContext.LocalFile, "busy", null, 1);
        Assert.Null(Projector.ToEvent(JobEventKind.JobTransferred, null, now, settled: true).ErrorCode);

        _job.CompleteWhenTransferred = true;
        Assert.Null(Projector.ToEvent(JobEventKind.JobTransferred, null, now, settled: false).ErrorCode);
        var failed = Projector.ToEvent(JobEventKind.JobModification, null, now, settled: true);
        Assert.Equal((TransferErrorCode.DestinationInUse, (int?)1), (failed.ErrorCode, failed.FileIndex));
    }
}
