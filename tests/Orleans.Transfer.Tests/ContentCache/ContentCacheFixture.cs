using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.ContentCache;

/// <summary>
/// One in-process silo on the embedded SQLite profile with the content cache on (a temp directory, a cap of
/// <see cref="MaxBytes"/>), and a real HTTP origin on 127.0.0.1 that counts the body bytes it serves.
/// </summary>
public sealed class ContentCacheFixture() : OriginSiloFixture("cache")
{
    public const long MaxBytes = 8 * 1024 * 1024;

    public string CacheDirectory { get; } = Path.Combine(Directory.CreateTempSubdirectory("xfer-cache-").FullName, "store");

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddTransferStorage(o =>
        {
            o.Profile = StorageProfile.Sqlite;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService(o => o.CheckpointBytes = 256 * 1024);
        silo.Services.Configure<ContentCacheOptions>(o =>
        {
            o.Directory = CacheDirectory;
            o.MaxBytes = MaxBytes;
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(CacheDirectory)!, recursive: true);
    }

    /// <summary>The cache's content directories (one per content key).</summary>
    public IReadOnlySet<string> Contents() =>
        Directory.Exists(CacheDirectory) ? Directory.GetDirectories(CacheDirectory).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>Creates a job for <paramref name="url"/>, lets <paramref name="configure"/> change it, and resumes it.</summary>
    public async Task<(ITransferJobGrain Job, string Destination)> StartAsync(
        string url, JobPriority priority = JobPriority.Foreground, Func<ITransferJobGrain, Task>? configure = null)
    {
        var job = Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("cache test", null, JobType.Download, priority, "tester"));
        var destination = NewDestination();
        await job.AddFilesAsync([new FileSpec(url, destination)]);
        if (configure is not null)
        {
            await configure(job);
        }

        await job.ResumeAsync();
        return (job, destination);
    }

    /// <summary>Waits for Transferred, completes the job and returns its file's bytes.</summary>
    public static async Task<byte[]> FinishAsync(ITransferJobGrain job, string destination)
    {
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        return await File.ReadAllBytesAsync(destination);
    }

    /// <summary>One job from start to its file's bytes.</summary>
    public async Task<byte[]> DownloadAsync(string url, Func<ITransferJobGrain, Task>? configure = null)
    {
        var (job, destination) = await StartAsync(url, configure: configure);
        return await FinishAsync(job, destination);
    }
}
