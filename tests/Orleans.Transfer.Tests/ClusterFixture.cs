using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests;

/// <summary>
/// One in-process silo on the embedded SQLite profile (a temp directory per fixture), plus a real HTTP origin on
/// 127.0.0.1. The silo can be restarted and keeps its database.
/// </summary>
public sealed class ClusterFixture() : OriginSiloFixture("cluster")
{
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddTransferStorage(o =>
        {
            o.Profile = StorageProfile.Sqlite;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService(o => o.CheckpointBytes = 256 * 1024);
    }

    public Task RestartSiloAsync() => ClusterRestarts.RestartAsync(Cluster);

    public async Task<ITransferJobGrain> NewJobAsync(string name = "test job")
    {
        var job = Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest(name, null, JobType.Download, JobPriority.Normal, "tester"));
        return job;
    }

    /// <summary>Registers the cluster's services for tests that need them directly.</summary>
    public T GetSiloService<T>()
        where T : notnull => Cluster.Silos[0].ServiceProvider.GetRequiredService<T>();
}
