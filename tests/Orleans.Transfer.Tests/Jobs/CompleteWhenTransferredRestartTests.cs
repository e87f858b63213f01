using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// The crash gap of CompleteWhenTransferred (issue 16): a job stored Transferred with the property, which only a crash
/// between its Transferred and Acknowledged writes leaves, is completed by a fresh silo's start-up with no call to it;
/// one whose completion failed is not tried again (<see cref="FailedSelfCompletion"/>). A fixture of its own: the tests
/// restart the silo.
/// </summary>
public sealed class CompleteWhenTransferredRestartTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    /// <summary>
    /// <paramref name="moved"/> adds: the crash came after the move, so the temporary file already has the destination's
    /// name; the completion finds it in place (the checkpoint's inode) instead of failing with RenameFailed.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TransferredWithTheProperty_IsCompletedByAFreshSilosStartUp_WithoutAnyCallToIt_OrDownloadingAgain(bool moved)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed: 166);
        var (url, destination) = (fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination());
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var file = fixture.Origin[name];
        await job.CreateAsync(CompleteWhenTransferredTests.Request(url, destination, resume: true) with { CompleteWhenTransferred = false });
        await JobWaits.StateAsync(job, JobState.Transferred);
        var requests = file.Requests;

        // What a crash between the Transferred write and the Acknowledged one leaves: the state Transferred with the
        // property, and the catalog row, written in the same transaction, saying so; the file not in place. The
        // activation goes first and its Transferred write lands, so nothing of the old activation races the rewrite.
        Assert.Equal(0, await ActivationCollection.UntilGoneAsync(fixture.Cluster.Client.GetGrain<IManagementGrain>(0), job));
        await StoredJobs.UntilAsync(Storage, job.GetGrainId(), s => s.State == JobState.Transferred);
        await StoredJobs.WriteAsync(Storage, job.GetGrainId(), s => s.CompleteWhenTransferred = true);
        var row = await Catalog.FindAsync(job.GetPrimaryKey());
        await Catalog.UpsertAsync(row! with { CompleteWhenTransferred = true });
        if (moved)
        {
            File.Move(Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!)), destination);
        }

        // No call to the job from here: the restarted silo's start-up finds it in the catalog and wakes it.
        await ClusterRestarts.RestartAsync(fixture.Cluster);
        await StoredJobs.UntilAsync(Storage, job.GetGrainId(), s => s.State == JobState.Acknowledged);

        Assert.Equal(requests, file.Requests);
        Assert.Equal(file.ComputeSha256(), CompleteWhenTransferredTests.Sha256(destination));
        Assert.Equal([destination], Directory.GetFiles(Path.GetDirectoryName(destination)!));
        var after = await Catalog.FindAsync(job.GetPrimaryKey());
        Assert.Equal((JobState.Acknowledged, true), (after!.State, after.CompleteWhenTransferred));
    }

    [Fact]
    public Task FailedCompletion_IsNotTriedAgainByAFreshSilosStartUp_NorAtActivation_AndCompleteAfterTheFixWorks() =>
        FailedSelfCompletion.IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorksAsync(fixture.Cluster, fixture.Origin, fixture.NewDestination(), seed: 167);

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer);

    private IJobCatalog Catalog => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IJobCatalog>();
}
