using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Silo.Uploads;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// Two silos on one database: the packets of one session reach the store through either silo (no sticky sessions), and
/// a session whose silo goes away carries on through the other with its received bytes.
/// </summary>
public sealed class UploadSessionClusterTests
{
    [Fact]
    public async Task Sessions_AreServedFromEitherSilo_AndOutliveOne()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("xfer-upload-cluster-").FullName;
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = dataDirectory;
            });
            silo.AddTransferService();
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            var first = StoreOn(cluster.Silos[0]);
            var second = StoreOn(cluster.Silos[1]);
            var start = new DateTimeOffset(2007, 1, 1, 0, 0, 0, TimeSpan.Zero);

            // Enough sessions that both silos hold some of the activations.
            var sessions = Enumerable.Range(0, 8).Select(i => new UploadSession(
                $"{{{Guid.NewGuid().ToString().ToUpperInvariant()}}}", "/uploads", $"{i}.bin", null, 1000, 0,
                UploadSessionPhase.Receiving, start, start)).ToList();
            foreach (var session in sessions)
            {
                Assert.True(await first.TryCreateAsync(session, 100, CancellationToken.None));
                Assert.True(await second.TryUpdateAsync(session with { ReceivedBytes = 400, Version = 1 }, CancellationToken.None));
                Assert.Equal(400, (await first.FindAsync(session.Id, CancellationToken.None))!.ReceivedBytes);
            }

            await cluster.StopSiloAsync(cluster.Silos[1]);

            foreach (var session in sessions)
            {
                var kept = await first.FindAsync(session.Id, CancellationToken.None);
                Assert.Equal(400, kept!.ReceivedBytes);
                Assert.True(await first.TryUpdateAsync(kept with { ReceivedBytes = 1000, Version = 2 }, CancellationToken.None));
            }

            Assert.Equal(8, (await first.ListIdleAsync(start.AddDays(1), 100, CancellationToken.None)).Count);
        }
        finally
        {
            await cluster.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static GrainUploadSessionStore StoreOn(InProcessSiloHandle silo) =>
        new(silo.ServiceProvider.GetRequiredService<IGrainFactory>());
}
