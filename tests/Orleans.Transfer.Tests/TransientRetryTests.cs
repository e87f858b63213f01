namespace Orleans.Transfer.Tests;

public sealed class TransientRetryTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    private async Task<(ITransferJobGrain Job, TestOrigin.OriginFile File, string Destination)> StartJobAgainst503Async(
        TimeSpan? retryAfter,
        int failures = 1,
        TimeSpan? noProgressTimeout = null)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 50_000, seed: 9);
        file.RespondWithStatus(503, times: failures, retryAfter);
        var destination = Path.Combine(Directory.CreateTempSubdirectory("xfer-retry-").FullName, "f.bin");
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("retry", null, JobType.Download, JobPriority.Normal, "tester"));
        await job.SetPropertiesAsync(new JobPropertiesUpdate(MinimumRetryDelay: TimeSpan.FromSeconds(60), NoProgressTimeout: noProgressTimeout));
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        return (job, file, destination);
    }

    [Fact]
    public async Task ServiceUnavailable_GoesToTransientError_AndRetriesAfterMinimumRetryDelay()
    {
        var (job, file, destination) = await StartJobAgainst503Async(retryAfter: null);
        var failed = await JobWaits.StateAsync(job, JobState.TransientError);
        Assert.Equal(503, failed.Error!.HttpStatus);
        Assert.Equal(1, failed.ErrorCount);

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(JobState.TransientError, (await job.GetInfoAsync()).State);
        Assert.Equal(1, file.Requests);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        Assert.Equal(50_000, new FileInfo(destination).Length);
    }

    [Fact]
    public async Task RetryAfterLongerThanMinimumRetryDelay_IsHonoured()
    {
        var (job, file, _) = await StartJobAgainst503Async(retryAfter: TimeSpan.FromSeconds(300));
        await JobWaits.StateAsync(job, JobState.TransientError);

        fixture.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(JobState.TransientError, (await job.GetInfoAsync()).State);
        Assert.Equal(1, file.Requests);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await JobWaits.StateAsync(job, JobState.Transferred);
    }

    [Fact]
    public async Task Resume_InTransientError_RetriesAtOnce()
    {
        var (job, _, _) = await StartJobAgainst503Async(retryAfter: null);
        await JobWaits.StateAsync(job, JobState.TransientError);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
    }

    [Fact]
    public async Task RepeatedErrorsWithoutProgress_DoubleTheDelay()
    {
        var (job, _, _) = await StartJobAgainst503Async(retryAfter: null, failures: 2);
        var first = await JobWaits.StateAsync(job, JobState.TransientError);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(60), first.NextRetryAt);

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        var second = await JobWaits.UntilAsync(job, i => i.State == JobState.TransientError && i.ErrorCount == 2, "second error");
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(120), second.NextRetryAt);

        fixture.Clock.Advance(TimeSpan.FromSeconds(120));
        var done = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(2, done.ErrorCount);
    }

    [Fact]
    public async Task NoProgressWithinTimeout_GoesToError()
    {
        var (job, _, _) = await StartJobAgainst503Async(retryAfter: null, failures: 5, noProgressTimeout: TimeSpan.FromSeconds(100));
        await JobWaits.StateAsync(job, JobState.TransientError);

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        var failed = await JobWaits.StateAsync(job, JobState.Error);
        Assert.Equal(TransferErrorCode.NoProgressTimeout, failed.Error!.Code);
        Assert.Equal(503, failed.Error.HttpStatus);
    }

    [Fact]
    public async Task NoProgressTimeoutZero_MakesEveryErrorFatal()
    {
        var (job, _, _) = await StartJobAgainst503Async(retryAfter: null, noProgressTimeout: TimeSpan.Zero);
        var failed = await JobWaits.StateAsync(job, JobState.Error);
        Assert.Equal(TransferErrorCode.NoProgressTimeout, failed.Error!.Code);
    }

    [Fact]
    public async Task RestartInTransientError_KeepsTheRetryTime()
    {
        var (job, _, _) = await StartJobAgainst503Async(retryAfter: null);
        var failed = await JobWaits.StateAsync(job, JobState.TransientError);

        await ClusterRestarts.RestartAsync(fixture.Cluster);
        var afterRestart = await Poll.ReconnectedAsync(job);
        Assert.Equal(JobState.TransientError, afterRestart.State);
        Assert.Equal(failed.NextRetryAt, afterRestart.NextRetryAt);

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        await JobWaits.StateAsync(job, JobState.Transferred);
    }
}
