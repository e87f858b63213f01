using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests;

/// <summary>
/// One in-process silo on the embedded SQLite profile (a temp directory per fixture), plus a real HTTP origin on
/// 127.0.0.1. The silo can be restarted and keeps its database.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-cluster-").FullName;

    public string DownloadDirectory { get; } = Directory.CreateTempSubdirectory("xfer-downloads-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = dataDirectory;
            });
            silo.AddTransferService(o => o.CheckpointBytes = 256 * 1024);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(DownloadDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    public Task RestartSiloAsync() => ClusterRestarts.RestartAsync(Cluster);

    public string NewDestination(string name = "file.bin") =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(DownloadDirectory, Guid.NewGuid().ToString("N"))).FullName, name);

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
