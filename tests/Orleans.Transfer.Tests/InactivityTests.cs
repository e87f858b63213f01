namespace Orleans.Transfer.Tests;

/// <summary>Own fixture: the clock jumps 90 days, which must not touch other tests' jobs.</summary>
public sealed class InactivityTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    [Fact]
    public async Task JobWithoutActivityForNinetyDays_IsCancelledAndTempFilesDeleted()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 10_000, seed: 2).RespondWithStatus(404, times: 1);
        var directory = Directory.CreateTempSubdirectory("xfer-inactive-").FullName;
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("idle", null, JobType.Download, JobPriority.Normal, "tester"));
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), Path.Combine(directory, "f.bin"))]);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Error);

        fixture.Clock.Advance(TimeSpan.FromDays(89));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(JobState.Error, (await job.GetInfoAsync()).State);

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await JobWaits.StateAsync(job, JobState.Cancelled);
        Assert.Empty(Directory.GetFiles(directory));
    }
}
