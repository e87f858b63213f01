using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing;
using Orleans.Transfer.Tests.Cluster;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// <see cref="FailedSelfCompletion"/> on PostgreSQL (the SQLite run is in <see cref="CompleteWhenTransferredRestartTests"/>):
/// the catalog row's flag and its partial index behave the same on both stores. A silo of its own on a fresh schema.
/// </summary>
public sealed class CompleteWhenTransferredPostgresTests : IAsyncLifetime
{
    private readonly string _schema = "selfdone_" + Guid.NewGuid().ToString("N");
    private readonly string _downloads = Directory.CreateTempSubdirectory("xfer-selfdone-").FullName;
    private InProcessTestCluster? _cluster;
    private TestOrigin.TestOrigin? _origin;

    public async Task InitializeAsync()
    {
        if (StorageProfiles.PostgresConnectionString is not { } baseConnection)
        {
            // Skipped (PostgresFact), or failing under CI where the test itself says why.
            return;
        }

        var connectionString = await StorageProfiles.CreateSchemaAsync(baseConnection, _schema);
        _origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.PostgreSql;
                o.ConnectionString = connectionString;
            });
            silo.AddTransferService();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        if (StorageProfiles.PostgresConnectionString is { } baseConnection)
        {
            await StorageProfiles.DropSchemaAsync(baseConnection, _schema);
        }

        Directory.Delete(_downloads, recursive: true);
    }

    [PostgresFact]
    public Task FailedCompletion_IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorks_OnPostgreSql() =>
        FailedSelfCompletion.IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorksAsync(
            _cluster ?? throw new InvalidOperationException($"{StorageProfiles.PostgresVariable} is not set: start PostgreSQL with eval \"$(scripts/postgres.sh start)\"."),
            _origin!,
            Path.Combine(_downloads, "file.bin"),
            seed: 169);
}
