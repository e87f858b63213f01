using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.ParallelFiles;

/// <summary>A silo (embedded SQLite) that keeps eight files of a job in flight but lets a job hold two connections to one server.</summary>
public sealed class ConnectionCapClusterFixture() : OriginSiloFixture("conncap")
{
    public const int MaxParallelFiles = 8;

    public const int MaxConnectionsPerServer = 2;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddTransferStorage(o =>
        {
            o.Profile = StorageProfile.Sqlite;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService(o => o.CheckpointBytes = 256 * 1024);
        silo.Services.Configure<TransferJobOptions>(o =>
        {
            o.MaxParallelFilesPerJob = MaxParallelFiles;
            o.MaxConnectionsPerServer = MaxConnectionsPerServer;
        });
    }
}
