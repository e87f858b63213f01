using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes: a job the service completes itself sits Transferred on one silo because its move failed
/// (B30); the cause goes away and that silo is killed. A survivor completes the job without anyone calling it (the
/// dead-silo waker wakes the jobs the service completes itself, which hold no reminder).
/// </summary>
public sealed class ClusterCompletingJobTests : IAsyncLifetime
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-completing-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    /// <summary>Tight probes: the kernel refuses connections to the dead port at once, so the death is declared in seconds.</summary>
    [ClusterTheory]
    [InlineData(true)]
    public async Task TheSiloHoldingATransferredSelfCompletingJobDies_ASurvivorCompletesIt_WithoutACall(bool tightProbes)
    {
        var file = _test.Origin.AddGenerated("small.bin", 64 * 1024, seed: 167);
        var destination = Path.Combine(_test.Subdirectory("out"), "small.bin");
        await using var cluster = await SiloCluster.StartAsync(_test.Root, count: 3, tightProbes);
        var clients = await SiloClients.ConnectAllAsync(cluster);

        try
        {
            var transfer = clients[0].Services.GetRequiredService<ITransferClient>();
            var job = await transfer.CreateJobAsync(new CreateJobRequest(
                "cluster completing", null, JobType.Download, JobPriority.Foreground, Owner: string.Empty,
                Files: [new FileSpec(_test.Origin.UrlFor("small.bin").ToString(), destination)], Resume: false, CompleteWhenTransferred: true));

            // A directory where the file is to go: the service's move fails and the job settles Transferred with the error.
            Directory.CreateDirectory(destination);
            await transfer.ResumeAsync(job.Id);
            var settled = await transfer.WaitUntilSettledAsync(job.Id).WaitAsync(s_deadline);
            var info = await transfer.GetAsync(job.Id);
            Assert.Equal((JobState.Transferred, JobState.Transferred), (settled.State, info.State));
            Assert.NotNull(info.Error);
            var holder = cluster.ByAddress(info.Silo!);

            Directory.Delete(destination);
            await holder.KillAsync();
            var survivors = cluster.Silos.Where(s => s != holder).ToArray();

            // Nothing calls the job: the file appears in place, and the catalog says Acknowledged.
            await SiloClients.UntilAsync(() => Task.FromResult(File.Exists(destination)), "the file moved into place", s_deadline, survivors);
            var survivorTransfer = clients[cluster.Silos.ToList().IndexOf(survivors[0])].Services.GetRequiredService<ITransferClient>();
            await SiloClients.UntilListedAsync(survivorTransfer, job.Id, JobState.Acknowledged, s_deadline, survivors);
            Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
