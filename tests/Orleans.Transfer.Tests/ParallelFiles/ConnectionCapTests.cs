using System.Security.Cryptography;

namespace Orleans.Transfer.Tests.ParallelFiles;

/// <summary>
/// One job of many small files against the real origin, eight files in flight under a cap of two connections to the
/// server: the origin never serves more than two of the job's requests at once, and the files still complete in order.
/// </summary>
public sealed class ConnectionCapTests(ConnectionCapClusterFixture fixture) : IClassFixture<ConnectionCapClusterFixture>
{
    private const int Files = 40;
    private const int FileBytes = 64 * 1024;

    [Fact]
    public async Task ManySmallFiles_NeverMoreConcurrentRequestsThanTheCap_CompletedInOrder()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var files = Enumerable.Range(0, Files).Select(i => fixture.Origin.AddGenerated($"{prefix}-{i}.bin", FileBytes, seed: i + 1)).ToArray();

        // Slow bodies, so that eight files in flight would overlap their requests without the cap.
        Array.ForEach(files, f => f.ThrottleBytesPerSecond = 2 * 1024 * 1024);
        var destinations = files.Select((_, i) => fixture.NewDestination($"f{i}.bin")).ToArray();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("conncap", null, JobType.Download, JobPriority.Normal, "tester"));
        await job.AddFilesAsync([.. files.Select((f, i) => new FileSpec(fixture.Origin.UrlFor(f.Name).ToString(), destinations[i]))]);
        var observer = new RecordingJobObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<ITransferJobObserver>(observer);
        try
        {
            await job.SubscribeAsync(reference);
            await job.ResumeAsync();
            Assert.Equal(JobEventKind.JobTransferred, await observer.Settled.Task.WaitAsync(TimeSpan.FromSeconds(120)));
        }
        finally
        {
            fixture.Cluster.Client.DeleteObjectReference<ITransferJobObserver>(reference);
        }

        Assert.InRange(fixture.Origin.PeakConcurrentRequests, 1, ConnectionCapClusterFixture.MaxConnectionsPerServer);
        Assert.Equal(Enumerable.Range(0, Files).Select(i => (int?)i), observer.FilesTransferred);
        await job.CompleteAsync();
        for (var i = 0; i < Files; i++)
        {
            Assert.Equal(files[i].ComputeSha256(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(destinations[i]))));
        }
    }
}
