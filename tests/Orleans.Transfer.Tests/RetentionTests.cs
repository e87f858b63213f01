using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests;

/// <summary>Own fixture: the clock jumps a week, which must not touch other tests' jobs.</summary>
public sealed class RetentionTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    private static readonly TimeSpan s_retention = new TransferJobOptions().FinalJobRetention;

    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    // The sweep also runs on its own timer as the clock moves; running it here makes the test wait for nothing.
    private Task SweepAsync() =>
        Silo.GetServices<IHostedService>().OfType<InactiveJobSweeper>().Single().SweepOnceAsync(CancellationToken.None);

    [Fact]
    public async Task CancelledJob_RemovedFromCatalogAndStorageOnlyOnceItsRetentionHasPassed()
    {
        var job = await NewJobAsync();
        await job.CancelAsync();

        fixture.Clock.Advance(s_retention - TimeSpan.FromMinutes(1));
        await SweepAsync();
        Assert.Equal(JobState.Cancelled, (await job.GetInfoAsync()).State);

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();

        await AssertRemovedAsync(job);
    }

    [Fact]
    public async Task AcknowledgedJob_RemovedAfterRetention_KeepsTheDownloadedFile()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 10_000, seed: 3);
        var destination = Path.Combine(Directory.CreateTempSubdirectory("xfer-retention-").FullName, "f.bin");
        var job = await NewJobAsync();
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();

        fixture.Clock.Advance(s_retention + TimeSpan.FromMinutes(1));
        await SweepAsync();

        await AssertRemovedAsync(job);
        Assert.Equal(10_000, new FileInfo(destination).Length);
    }

    [Fact]
    public async Task UnfinishedJob_OlderThanTheRetention_IsKept()
    {
        var job = await NewJobAsync();

        fixture.Clock.Advance(s_retention + TimeSpan.FromDays(1));
        await SweepAsync();

        Assert.Equal(JobState.Suspended, (await job.GetInfoAsync()).State);
    }

    private async Task<ITransferJobGrain> NewJobAsync()
    {
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("kept a while", null, JobType.Download, JobPriority.Normal, "tester"));
        return job;
    }

    private async Task AssertRemovedAsync(ITransferJobGrain job)
    {
        var id = job.GetPrimaryKey();
        var error = await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync);
        Assert.Equal(TransferErrorCode.NotFound, error.Code);
        var catalog = Silo.GetRequiredService<IJobCatalog>();
        var rows = await catalog.ListPageAsync(new JobListQuery("tester", IncludeFinal: true, PageSize: JobLimits.MaxListPageSize));
        Assert.DoesNotContain(rows.Entries, r => r.Id == id);
    }
}
