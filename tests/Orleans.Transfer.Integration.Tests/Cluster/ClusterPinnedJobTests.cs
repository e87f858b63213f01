using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes, each its own host: a download whose destination is outside the shared root is pinned to
/// the host of the silo that created it. SIGKILL that silo: no survivor takes the job (a call through one is refused
/// with JobHostUnavailable, and the origin sees no request). Start it again: the job continues there, byte-identical.
/// </summary>
public sealed class ClusterPinnedJobTests : IAsyncLifetime
{
    private const long FileSize = 24L * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private readonly string _localDisk = Directory.CreateTempSubdirectory("xfer-host1-disk-").FullName;
    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-pinned-");

    public async Task DisposeAsync()
    {
        await _test.DisposeAsync();
        Directory.Delete(_localDisk, recursive: true);
    }

    [ClusterTheory]
    [InlineData("host1")]
    public async Task ALocalDestinationJob_StaysOnItsHost_AndContinuesWhenItsSiloReturns(string host)
    {
        var file = _test.Origin.AddGenerated("pinned.bin", FileSize, seed: 19);
        file.ThrottleBytesPerSecond = 4L * 1024 * 1024;
        var destination = Path.Combine(_localDisk, "pinned.bin");
        await using var cluster = await SiloCluster.StartAsync(_test.Root, count: 3);
        var clients = new List<IHost>();
        foreach (var silo in cluster.Silos)
        {
            clients.Add(await SiloClients.ConnectAsync(silo, cluster.Silos[0].DataDirectory));
        }

        try
        {
            // Created through silo 1's gateway, so on host1, whose disk the destination is on.
            var transfer = clients[1].Services.GetRequiredService<ITransferClient>();
            var jobId = (await transfer.CreateDownloadJobAsync("pinned")).Id;
            await transfer.SetHttpOptionsAsync(jobId, new HttpOptionsUpdate(Segments: 1));
            await transfer.AddFileAsync(jobId, _test.Origin.UrlFor("pinned.bin").ToString(), destination);
            await transfer.ResumeAsync(jobId);
            await SiloClients.UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 4), "a quarter of the file sent", s_deadline, [.. cluster.Silos]);
            Assert.Equal(cluster.Silos[1], cluster.ByAddress((await transfer.GetAsync(jobId)).Silo!));

            var requestsBeforeKill = file.RangeHeaders.Count;
            await cluster.Silos[1].KillAsync();
            file.ThrottleBytesPerSecond = 0;

            // Once the survivors know host1's silo is gone, a call through one is refused: no survivor takes the job.
            var survivor = clients[0].Services.GetRequiredService<ITransferClient>();
            await SiloClients.UntilAsync(() => IsRefusedAsync(survivor, jobId, host), "JobHostUnavailable from a survivor", s_deadline, cluster.Silos[0], cluster.Silos[2]);
            Assert.Equal(requestsBeforeKill, file.RangeHeaders.Count);

            await cluster.Silos[1].StartAsync();
            await SiloClients.UntilListedAsync(survivor, jobId, JobState.Transferred, s_deadline, [.. cluster.Silos]);
            Assert.Equal(cluster.Silos[1], cluster.ByAddress((await survivor.GetAsync(jobId)).Silo!));
            Assert.Equal(JobState.Acknowledged, (await survivor.CompleteAsync(jobId)).State);
            Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<bool> IsRefusedAsync(ITransferClient client, Guid jobId, string host)
    {
        try
        {
            await client.GetAsync(jobId);
            return false;
        }
        catch (TransferJobException e) when (e.Code == TransferErrorCode.JobHostUnavailable)
        {
            Assert.Contains(host, e.Message, StringComparison.Ordinal);
            return true;
        }
        catch (Exception e) when (e is not TransferJobException)
        {
            // The survivors have not declared the silo dead yet: the call still goes to its address.
            return false;
        }
    }
}
