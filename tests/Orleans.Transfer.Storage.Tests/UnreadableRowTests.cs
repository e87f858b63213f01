using System.Text;
using Dapper;
using Orleans.TestingHost;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// A row the serializer cannot read, corrupted in the real database: the grain still activates, told why, and its
/// neighbours are untouched. A row written under a property's old name is read into the renamed property.
/// </summary>
public sealed class UnreadableRowTests
{
    public static TheoryData<string> Corruptions => new()
    {
        "{ this is not JSON",
        """{"Value":"x","Count":"not a number"}""",
        """{"Value":"x","Count":-1}""",
    };

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task CorruptRow_ActivatesWithTheProblem_AndOtherGrainsAreUntouched(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var cluster = await StartClusterAsync(db);
        try
        {
            var healthy = cluster.Client.GetGrain<IRecoverableProbeGrain>(Guid.NewGuid());
            await healthy.SetAsync("healthy");
            foreach (var corruption in Corruptions)
            {
                var damaged = cluster.Client.GetGrain<IRecoverableProbeGrain>(Guid.NewGuid());
                var marker = $"doomed-{Guid.NewGuid():N}";
                await damaged.SetAsync(marker);
                await damaged.DeactivateAsync();
                await cluster.WaitForDeactivationAsync(damaged);
                await ReplacePayloadAsync(db, marker, corruption);

                var (value, problem) = await damaged.GetAsync();
                Assert.Null(value);
                Assert.False(string.IsNullOrWhiteSpace(problem), corruption);
            }

            Assert.Equal(("healthy", (string?)null), await healthy.GetAsync());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task RowWithAnOldPropertyName_IsReadIntoTheRenamedProperty(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var cluster = await StartClusterAsync(db);
        try
        {
            var grain = cluster.Client.GetGrain<IRecoverableProbeGrain>(Guid.NewGuid());
            var marker = $"renamed-{Guid.NewGuid():N}";
            await grain.SetAsync(marker);
            await grain.DeactivateAsync();
            await cluster.WaitForDeactivationAsync(grain);
            await ReplacePayloadAsync(db, marker, $$"""{"Name":"{{marker}}-old","Count":2}""");

            Assert.Equal(($"{marker}-old", (string?)null), await grain.GetAsync());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task ReplacePayloadAsync(TestDatabase db, string marker, string payload)
    {
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(long Version, byte[] Payload)>(
            "SELECT Version, PayloadBinary FROM OrleansStorage WHERE ServiceId = @ServiceId",
            new { ServiceId = StorageNames.ServiceId })).ToList();
        var row = Assert.Single(rows, r => Encoding.UTF8.GetString(r.Payload).Contains(marker, StringComparison.Ordinal));
        var changed = await connection.ExecuteAsync(
            "UPDATE OrleansStorage SET PayloadBinary = @New WHERE PayloadBinary = @Old",
            new { New = Encoding.UTF8.GetBytes(payload), Old = row.Payload });
        Assert.Equal(1, changed);
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
