using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes sharing one content cache directory (XFER_CACHE_DIR, as docs/cluster.md tells an
/// operator): jobs for one URL, created through every silo's gateway, make the origin serve the file once, and every
/// file is byte-identical.
/// </summary>
public sealed class ClusterContentCacheTests : IAsyncLifetime
{
    private const long FileSize = (8L * 1024 * 1024) + 4321;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-cache-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [ClusterTheory]
    [InlineData(20)]
    public async Task JobsForOneUrl_AcrossThreeSilos_TheOriginServesItOnce(int jobs)
    {
        var file = _test.Origin.AddGenerated("image.bin", FileSize, seed: 42);

        // Slow enough that copiers on every silo wait for blocks while the filler fetches them.
        file.ThrottleBytesPerSecond = 8L * 1024 * 1024;
        var cache = Path.Combine(_test.Root, "shared", "cache");
        await using var cluster = await SiloCluster.StartAsync(_test.Root, count: 3, extra: new Dictionary<string, string> { ["XFER_CACHE_DIR"] = cache });
        var clients = new List<IHost>();
        try
        {
            foreach (var silo in cluster.Silos)
            {
                clients.Add(await SiloClients.ConnectAsync(silo, cluster.Silos[0].DataDirectory));
            }

            var transfers = clients.Select(c => c.Services.GetRequiredService<ITransferClient>()).ToList();
            var output = _test.Subdirectory("out");
            var started = new List<(ITransferClient Client, Guid Id, string Destination)>();
            for (var i = 0; i < jobs; i++)
            {
                var transfer = transfers[i % transfers.Count];
                var id = (await transfer.CreateDownloadJobAsync($"fan-out {i}", priority: JobPriority.Foreground)).Id;
                var destination = Path.Combine(output, $"image{i}.bin");
                await transfer.AddFileAsync(id, _test.Origin.UrlFor("image.bin").ToString(), destination);
                await transfer.ResumeAsync(id);
                started.Add((transfer, id, destination));
            }

            await SiloClients.UntilAsync(
                async () => (await transfers[0].ListAsync(new JobListQuery(null, IncludeFinal: true)))
                    .Count(j => started.Any(s => s.Id == j.Id) && j.State == JobState.Transferred) == jobs,
                "every job Transferred",
                s_deadline,
                [.. cluster.Silos]);

            var silos = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (client, id, _) in started)
            {
                silos.Add((await client.GetAsync(id)).Silo!);
                Assert.Equal(JobState.Acknowledged, (await client.CompleteAsync(id)).State);
            }

            Assert.Equal(FileSize, file.BodyBytesSent);
            var expected = file.ComputeSha256();
            foreach (var (_, _, destination) in started)
            {
                await using var stream = File.OpenRead(destination);
                Assert.Equal(expected, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
            }

            Assert.True(silos.Count > 1, $"the jobs ran on {silos.Count} silo(s) only");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
