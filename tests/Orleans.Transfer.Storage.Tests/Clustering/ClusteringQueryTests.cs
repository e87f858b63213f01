using System.Net;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Orleans.Transfer.Storage.Tests.Clustering;

/// <summary>
/// Our PostgreSQL membership script (Sql/postgresql/06-clustering.sql) against the Orleans.Clustering.AdoNet assembly
/// we ship: every query key it requires is installed, and its membership table works on them.
/// </summary>
public sealed class ClusteringQueryTests
{
    private static readonly Assembly s_clustering = typeof(AdoNetClusteringSiloOptions).Assembly;

    /// <summary>The keys the assembly requires: the internal properties its DbStoredQueries checks at start.</summary>
    private static string[] RequiredKeys() =>
        [.. s_clustering.GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void TheAssembly_RequiresTheKeysOurScriptWasWrittenFor()
    {
        // A new Orleans version that asks for another key fails here first, naming it.
        Assert.Equal(
            [
                "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
                "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            ],
            RequiredKeys());
    }

    [Theory]
    [PostgresData]
    public async Task EveryKeyTheAssemblyRequires_IsInOrleansQuery(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();

        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var installed = (await connection.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery")).ToHashSet(StringComparer.Ordinal);
        Assert.All(RequiredKeys(), key => Assert.Contains(key, installed));
    }

    [Theory]
    [PostgresData]
    public async Task MembershipTable_OnOurQueries_InsertsReadsUpdatesAndFencesStaleVersions(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "c-" + Guid.NewGuid().ToString("N"), ServiceId = StorageNames.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = db.Database.AdoNetInvariant, ConnectionString = db.Options.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var empty = await table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);

        var now = DateTime.UtcNow;
        var silo = SiloAddress.New(IPAddress.Loopback, 41111, 7);
        var entry = new MembershipEntry
        {
            SiloAddress = silo, SiloName = "one", HostName = "host", Status = SiloStatus.Joining, ProxyPort = 41112, StartTime = now, IAmAliveTime = now,
        };
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next(), CancellationToken.None));
        Assert.False(await table.InsertRowAsync(entry, empty.Version.Next(), CancellationToken.None));

        var read = await table.ReadRowAsync(silo, CancellationToken.None);
        var (stored, rowEtag) = Assert.Single(read.Members);
        Assert.Equal((silo, "one", SiloStatus.Joining, 41112), (stored.SiloAddress, stored.SiloName, stored.Status, stored.ProxyPort));

        entry.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(entry, rowEtag, empty.Version.Next(), CancellationToken.None));
        Assert.True(await table.UpdateRowAsync(entry, rowEtag, read.Version.Next(), CancellationToken.None));
        await table.UpdateIAmAliveAsync(entry, CancellationToken.None);
        var all = await table.ReadAllAsync(CancellationToken.None);
        var (active, activeEtag) = Assert.Single(all.Members);
        Assert.Equal(SiloStatus.Active, active.Status);

        entry.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(entry, activeEtag, all.Version.Next(), CancellationToken.None));
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        Assert.Empty((await table.ReadAllAsync(CancellationToken.None)).Members);
    }
}
