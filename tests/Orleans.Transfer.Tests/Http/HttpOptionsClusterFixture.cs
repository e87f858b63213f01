using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Http;

/// <summary>
/// One silo on the embedded SQLite profile whose raw rows the tests read, a real origin on 127.0.0.1, the real worker
/// with its requests recorded, and the HTTP transport's own client-certificate reader.
/// </summary>
public sealed class HttpOptionsClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-http-").FullName;

    public string DownloadDirectory { get; } = Directory.CreateTempSubdirectory("xfer-http-downloads-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public WorkerRequests Requests { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        var requests = Requests;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = dataDirectory;
            });
            silo.AddTransferService(o => o.CheckpointBytes = 64 * 1024);
            var real = silo.Services.Last(d => d.ServiceType == typeof(ITransferWorker));
            silo.Services.Remove(real);
            silo.Services.AddSingleton<ITransferWorker>(sp => new RecordingWorker(
                (ITransferWorker)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)),
                requests));
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

    public string NewDestination(string name = "file.bin") =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(DownloadDirectory, Guid.NewGuid().ToString("N"))).FullName, name);

    /// <summary>A file of <paramref name="length"/> bytes on the origin, and its URL.</summary>
    public string AddFile(long length, int seed = 7)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        Origin.AddGenerated(name, length, seed);
        return Origin.UrlFor(name).ToString();
    }

    public async Task<(ITransferJobGrain Job, Guid Id)> NewJobAsync(string name, params string[] urls)
    {
        var id = Guid.NewGuid();
        var job = Grains.GetGrain<ITransferJobGrain>(id);
        await job.CreateAsync(new CreateJobRequest(name, null, JobType.Download, JobPriority.Normal, "tester"));
        if (urls.Length > 0)
        {
            await job.AddFilesAsync([.. urls.Select(u => new FileSpec(u, NewDestination()))]);
        }

        return (job, id);
    }
}
