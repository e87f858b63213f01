using Dapper;
using Orleans.TestingHost;

namespace Orleans.Transfer.Storage.Tests;

public sealed class GrainStateRoundTripTests
{
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task WriteState_SurvivesClusterRestart(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var id = Guid.NewGuid();
        var first = await StartClusterAsync(db);
        try
        {
            await first.Client.GetGrain<IStateProbeGrain>(id).SetAsync("first");
            await first.Client.GetGrain<IStateProbeGrain>(id).SetAsync("second");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // A new cluster rather than RestartSiloAsync: with one silo the old client races the new gateway.
        var second = await StartClusterAsync(db);
        try
        {
            Assert.Equal("second", await second.Client.GetGrain<IStateProbeGrain>(id).GetAsync());
        }
        finally
        {
            await second.DisposeAsync();
        }

        // Keyed by our ServiceId, versioned per write, and stored as System.Text.Json without CLR type names.
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<(long Version, byte[] Payload)>(
            "SELECT Version, PayloadBinary FROM OrleansStorage WHERE ServiceId = @ServiceId",
            new { ServiceId = StorageNames.ServiceId });
        Assert.Equal(2, row.Version);
        var json = System.Text.Encoding.UTF8.GetString(row.Payload);
        Assert.Contains("\"second\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ClearState_ThenWriteAgain_AfterDeactivation(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var cluster = await StartClusterAsync(db);
        try
        {
            var grain = cluster.Client.GetGrain<IStateProbeGrain>(Guid.NewGuid());
            await grain.SetAsync("doomed");
            await grain.ClearAsync();
            await grain.DeactivateAsync();
            await cluster.WaitForDeactivationAsync(grain);
            Assert.Null(await grain.GetAsync());

            await grain.SetAsync("reborn");
            await grain.DeactivateAsync();
            await cluster.WaitForDeactivationAsync(grain);
            Assert.Equal("reborn", await grain.GetAsync());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(TestDatabase db)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddTransferStorage(o =>
        {
            o.Profile = db.Options.Profile;
            o.ConnectionString = db.Options.ConnectionString;
            o.DataDirectory = db.Options.DataDirectory;
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
