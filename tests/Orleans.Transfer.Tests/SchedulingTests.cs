using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests;

/// <summary>
/// Jobs through the real scheduler: one background slot and a two-second slice, so yielding happens often (a slice
/// shorter than connection set-up on a loaded machine would let a job be revoked before its first byte).
/// </summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("xfer-sched-").FullName;
    private InProcessTestCluster _cluster = null!;
    private TestOrigin.TestOrigin _origin = null!;

    public async Task InitializeAsync()
    {
        _origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = _dataDirectory;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o => o.DataDirectory = dataDirectory);
            silo.AddTransferService(o => o.CheckpointBytes = 64 * 1024);
            silo.Services.Configure<TransferSchedulerOptions>(o =>
            {
                o.MaxConcurrentBackgroundJobs = 1;
                o.TimeSlice = TimeSpan.FromSeconds(2);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _origin.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<(ITransferJobGrain Job, TestOrigin.OriginFile File)> StartAsync(JobPriority priority, long bytesPerSecond)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = _origin.AddGenerated(name, 4L * 1024 * 1024, seed: 8);
        file.ThrottleBytesPerSecond = bytesPerSecond;
        var job = _cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("sched", null, JobType.Download, priority, "tester"));
        await job.AddFilesAsync([new FileSpec(_origin.UrlFor(name).ToString(), Path.Combine(Directory.CreateTempSubdirectory("xfer-sched-out-").FullName, "f.bin"))]);
        await job.ResumeAsync();
        return (job, file);
    }

    [Fact]
    public async Task EqualPriorityJobs_ShareOneSlotRoundRobin_AndBothFinish()
    {
        var jobs = new[]
        {
            await StartAsync(JobPriority.Normal, 1024 * 1024),
            await StartAsync(JobPriority.Normal, 1024 * 1024),
            await StartAsync(JobPriority.Normal, 1024 * 1024),
        };

        foreach (var (job, _) in jobs)
        {
            await JobWaits.StateAsync(job, JobState.Transferred);
        }

        Assert.All(jobs, j => Assert.True(j.File.Requests >= 2, "each job yielded its slot at least once"));
    }

    [Fact]
    public async Task HigherPriority_PreemptsLower_WhichKeepsItsBytes()
    {
        var (low, lowFile) = await StartAsync(JobPriority.Low, 512 * 1024);
        await JobWaits.UntilAsync(low, i => i.Files[0].BytesTransferred > 0, "low priority progress");
        var (high, _) = await StartAsync(JobPriority.High, 0);

        await JobWaits.StateAsync(high, JobState.Transferred);
        var lowInfo = await low.GetInfoAsync();
        Assert.True(lowInfo.State is JobState.Queued or JobState.Connecting or JobState.Transferring);
        lowFile.ThrottleBytesPerSecond = 0;
        await JobWaits.StateAsync(low, JobState.Transferred);
        Assert.True(lowFile.BodyBytesSent < lowFile.Length * 2, "the pre-empted job resumed from its bytes");
    }
}
