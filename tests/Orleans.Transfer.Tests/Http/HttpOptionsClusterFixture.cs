using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Http;

/// <summary>
/// One silo on the embedded SQLite profile whose raw rows the tests read, a real origin on 127.0.0.1, the real worker
/// with its requests recorded, and the HTTP transport's own client-certificate reader.
/// </summary>
public sealed class HttpOptionsClusterFixture() : OriginSiloFixture("http")
{
    public WorkerRequests Requests { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddTransferStorage(o =>
        {
            o.Profile = StorageProfile.Sqlite;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService(o => o.CheckpointBytes = 64 * 1024);
        Wrap<ITransferWorker>(silo, real => new RecordingWorker(real, Requests));
    }

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
