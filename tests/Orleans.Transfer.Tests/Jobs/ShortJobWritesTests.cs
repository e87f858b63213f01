using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// The writes of a short job (issue 16): a one-file job created queued and completed is four state writes, create,
/// Transferred, Complete's fence (before any file moves) and Acknowledged, the state changes each carrying its catalog
/// row; the first run needs no fence write (the create recorded the silo), and the last write releases the destination
/// claim. The stored version counts the state writes. A fake clock, so no
/// progress write can fall due however slow the machine is.
/// </summary>
public sealed class ShortJobWritesTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    [Fact]
    public async Task OneFileJob_IsFourStateWrites_TheRowKeepsStep_AndTheLastReleasesTheClaim()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed: 16);
        var destination = fixture.NewDestination();
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var catalog = services.GetRequiredService<IJobCatalog>();

        await job.CreateAsync(new CreateJobRequest(
            "short", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)], Resume: true));
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();

        Assert.Equal("4", await StoredVersionAsync(services, job.GetGrainId()));
        var row = await catalog.FindAsync(id);
        Assert.Equal((JobState.Acknowledged, 1), (row!.State, row.FilesTransferred));
        var other = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(other, [destination]));
        await catalog.ReleaseDestinationsAsync(other);
        Assert.True(File.Exists(destination));
    }

    /// <summary>
    /// Adds: a job created by a batch (<see cref="IJobBatchGrain"/>) and woken is as short: the batch's write recorded
    /// this silo, so its first run here writes no fence, and its activation counts that write as its last, so the file's
    /// completion writes no progress of its own (five writes without either).
    /// </summary>
    [Fact]
    public async Task OneFileJobOfABatch_IsFourStateWrites()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed: 17);
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        var services = fixture.Cluster.Silos[0].ServiceProvider;

        await fixture.Grains.GetGrain<IJobBatchGrain>(0).CreateAsync([new NewJob(id, new CreateJobRequest(
            "short", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination())], Resume: true))]);
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();

        Assert.Equal("4", await StoredVersionAsync(services, job.GetGrainId()));
    }

    private static async Task<string?> StoredVersionAsync(IServiceProvider services, GrainId grainId)
    {
        var stored = new GrainState<TransferJobState>();
        await services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer).ReadStateAsync(StorageNames.JobState, grainId, stored);
        return stored.ETag;
    }
}
