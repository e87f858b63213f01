using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// A job whose self-completion failed (CompleteWhenTransferred, B30: a directory where its file is to go) across a silo
/// restart, on whichever store the cluster's silo uses: the catalog does not list it as completing, the restarted silo's
/// start-up and the job's next activation do not try it again, and Complete after the cause is fixed completes it.
/// </summary>
internal static class FailedSelfCompletion
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    public static async Task IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorksAsync(
        InProcessTestCluster cluster, TestOrigin.TestOrigin origin, string destination, int seed)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        origin.AddGenerated(name, 64 * 1024, seed);
        var job = cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(CompleteWhenTransferredTests.Request(origin.UrlFor(name).ToString(), destination, resume: false));

        // Made after the create, which refuses a directory as a file's path; the move into place then fails.
        Directory.CreateDirectory(destination);
        await job.ResumeAsync();
        var failed = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal((JobState.Transferred, true), (failed.State, failed.Settled));

        // The mark and the row's flag go in one write: the job property stays set, the row says nobody completes it.
        await StoredJobs.UntilAsync(Storage(cluster), job.GetGrainId(), s => s.CompletionFailed);
        var row = await Catalog(cluster).FindAsync(job.GetPrimaryKey());
        Assert.Equal((JobState.Transferred, false), (row!.State, row.CompleteWhenTransferred));
        Assert.DoesNotContain(job.GetPrimaryKey(), await Catalog(cluster).ListCompletingAsync().ToListAsync());
        Assert.True((await job.GetInfoAsync()).CompleteWhenTransferred);

        // After the restart, the job's activation (by this call) leaves it as it is: Transferred with the error, settled.
        await ClusterRestarts.RestartAsync(cluster);
        var after = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));
        var info = await job.GetInfoAsync();
        Assert.Equal((JobState.Transferred, true), (after.State, after.Settled));
        Assert.Equal((ErrorContext.LocalFile, 0), (info.Error!.Context, info.Error.FileIndex));

        Directory.Delete(destination);
        var completed = await job.CompleteAsync();

        Assert.Equal((JobState.Acknowledged, (JobError?)null), (completed.State, completed.Error));
        Assert.Equal(origin[name].ComputeSha256(), CompleteWhenTransferredTests.Sha256(destination));
        var history = await HistoryUntilAsync(cluster.Client, job.GetPrimaryKey(), p => p.Events.Any(e => e.State == JobState.Acknowledged));
        Assert.Single(history.Events, e => e.Kind == JobHistoryKind.Error);
    }

    /// <summary>
    /// The job's history once <paramref name="done"/> holds: entries land a moment after the change that recorded
    /// them, in order, so one seen means every earlier one is there. The deadline only stops a broken test.
    /// </summary>
    public static async Task<JobHistoryPage> HistoryUntilAsync(IGrainFactory grains, Guid id, Func<JobHistoryPage, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        while (true)
        {
            var page = await grains.GetGrain<IJobCatalogGrain>(0).GetHistoryAsync(id, 0, JobLimits.MaxHistoryPageSize);
            if (done(page))
            {
                return page;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"job {id}'s history after {s_deadline}: {string.Join("; ", page.Events)}");
            await tick.WaitForNextTickAsync();
        }
    }

    private static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer);

    private static IJobCatalog Catalog(InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider.GetRequiredService<IJobCatalog>();
}
