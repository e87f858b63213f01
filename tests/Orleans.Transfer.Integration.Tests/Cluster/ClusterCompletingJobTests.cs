using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes: a job the service completes itself sits Transferred on one silo because its move failed
/// (B30); the cause goes away and that silo is killed. A survivor does not try the completion again by itself, neither
/// from the dead-silo waker nor when a call activates the job there: a failed completion waits for its owner, whose
/// Complete through the survivor then puts the file in place.
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
    public async Task TheSiloHoldingAJobWhoseSelfCompletionFailedDies_ASurvivorLeavesItToItsOwner_WhoseCompletePutsItInPlace(bool tightProbes)
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

            // Answered from a survivor once the holder is declared dead: still Transferred with its error, nothing moved.
            var survivorTransfer = clients[cluster.Silos.ToList().IndexOf(survivors[0])].Services.GetRequiredService<ITransferClient>();
            JobInfo? seen = null;
            await SiloClients.UntilAsync(
                async () => (seen = await TryGetAsync(survivorTransfer, job.Id)) is { } answer && answer.Silo != info.Silo,
                "the job answered from a survivor",
                s_deadline,
                survivors);
            Assert.Equal(JobState.Transferred, seen!.State);
            Assert.Equal(info.Error!.Code, seen.Error?.Code);
            Assert.False(File.Exists(destination), "a survivor completed the job by itself");

            Assert.Equal(JobState.Acknowledged, (await survivorTransfer.CompleteAsync(job.Id)).State);
            Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<JobInfo?> TryGetAsync(ITransferClient client, Guid jobId)
    {
        try
        {
            return await client.GetAsync(jobId);
        }
        catch (Exception e) when (e is not TransferJobException)
        {
            // The survivors have not declared the holder dead yet: the call still goes to its address.
            return null;
        }
    }
}
