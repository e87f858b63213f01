using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.State;
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

    /// <summary>
    /// Adds: on PostgreSQL, which no lock keeps to one silo, a silo without a cluster id still writes Transferred before
    /// the moves, as the fence: create, Transferred and Acknowledged are three writes (two on SQLite alone).
    /// </summary>
    [PostgresFact]
    public async Task OneFileJob_WritesTransferredBeforeItsMoves_InThreeStateWrites_OnPostgreSql()
    {
        var cluster = _cluster ?? throw new InvalidOperationException($"{StorageProfiles.PostgresVariable} is not set: start PostgreSQL with eval \"$(scripts/postgres.sh start)\".");
        const string name = "fenced.bin";
        _origin!.AddGenerated(name, 64 * 1024, seed: 170);
        var job = cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());

        await job.CreateAsync(CompleteWhenTransferredTests.Request(_origin.UrlFor(name).ToString(), Path.Combine(_downloads, name), resume: true));
        var settled = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(JobState.Acknowledged, settled.State);
        var stored = new GrainState<TransferJobState>();
        await cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer)
            .ReadStateAsync(StorageNames.JobState, job.GetGrainId(), stored);
        Assert.Equal("3", stored.ETag);
    }

    [PostgresFact]
    public Task FailedCompletion_IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorks_OnPostgreSql() =>
        FailedSelfCompletion.IsNotTriedAgainAfterARestart_AndCompleteAfterTheFixWorksAsync(
            _cluster ?? throw new InvalidOperationException($"{StorageProfiles.PostgresVariable} is not set: start PostgreSQL with eval \"$(scripts/postgres.sh start)\"."),
            _origin!,
            Path.Combine(_downloads, "file.bin"),
            seed: 169);
}
