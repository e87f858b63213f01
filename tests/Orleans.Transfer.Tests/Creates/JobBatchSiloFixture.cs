using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Data;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests.Creates;

/// <summary>
/// A silo for the batch create's tests on one store, with small limits (10 jobs per owner, 8 per batch), and a real
/// HTTP origin. PostgreSQL gets a fresh schema; without a server its tests are skipped (PostgresFact), and the silo
/// then runs on SQLite only so the fixture starts.
/// </summary>
public abstract class JobBatchSiloFixture(string name, StorageProfile profile) : OriginSiloFixture(name)
{
    public const int MaxJobsPerOwner = 10;
    public const int MaxJobsPerCreateCall = 8;

    private readonly string _schema = $"{name.Replace('-', '_')}_{Guid.NewGuid():N}";
    private string? _connectionString;

    internal StorageDatabase Database => Cluster.Silos[0].ServiceProvider.GetRequiredService<StorageDatabase>();

    protected override async Task PrepareAsync()
    {
        if (profile == StorageProfile.PostgreSql && StorageProfiles.PostgresConnectionString is { } baseConnection)
        {
            _connectionString = await StorageProfiles.CreateSchemaAsync(baseConnection, _schema);
        }
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddTransferStorage(o =>
        {
            o.Profile = _connectionString is null ? StorageProfile.Sqlite : StorageProfile.PostgreSql;
            o.ConnectionString = _connectionString;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService();
        silo.Services.Configure<TransferJobOptions>(o =>
        {
            o.MaxJobsPerOwner = MaxJobsPerOwner;
            o.MaxJobsPerCreateCall = MaxJobsPerCreateCall;
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null && StorageProfiles.PostgresConnectionString is { } baseConnection)
        {
            await StorageProfiles.DropSchemaAsync(baseConnection, _schema);
        }
    }
}
