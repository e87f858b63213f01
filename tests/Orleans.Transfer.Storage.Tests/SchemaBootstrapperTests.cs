using Dapper;

namespace Orleans.Transfer.Storage.Tests;

public sealed class SchemaBootstrapperTests
{
    private static readonly string[] s_persistenceKeys = ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    // PostgreSQL also holds the cluster membership queries (Clustering/ClusteringQueryTests); SQLite cannot cluster.
    private static readonly string[] s_clusteringKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    private static string[] KeysOf(StorageProfile profile) =>
        [.. (profile == StorageProfile.PostgreSql ? s_persistenceKeys.Concat(s_clusteringKeys) : s_persistenceKeys).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task EnsureSchemaAsync_RunTwice_IsIdempotent(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var bootstrapper = db.CreateBootstrapper();

        await bootstrapper.EnsureSchemaAsync();
        await bootstrapper.EnsureSchemaAsync();

        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var keys = (await connection.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(KeysOf(profile), keys);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfer_job"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfer_reminder"));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task EnsureSchemaAsync_ConcurrentCalls_AllSucceed(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.CreateBootstrapper().EnsureSchemaAsync()));

        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(KeysOf(profile).Length, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task EnsureSchemaAsync_Sqlite_CreatesDirectoryAndEnablesWal()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProfile.Sqlite);

        await db.CreateBootstrapper().EnsureSchemaAsync();

        Assert.True(File.Exists(db.Options.SqliteDatabasePath));
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task EnsureSchemaAsync_PostgresUnreachable_FailsNamingHostAndDatabaseButNotPassword()
    {
        var options = new TransferStorageOptions
        {
            Profile = StorageProfile.PostgreSql,
            ConnectionString = "Host=127.0.0.1;Port=1;Database=nowhere;Username=xfer;Password=hunter2;Timeout=2",
            StartupConnectAttempts = 2,
            StartupConnectDelay = TimeSpan.Zero,
        };
        await using var database = (Data.PostgresStorageDatabase)Data.StorageDatabase.Create(options);
        var bootstrapper = new Schema.SchemaBootstrapper(
            database, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Schema.SchemaBootstrapper>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bootstrapper.EnsureSchemaAsync());

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
