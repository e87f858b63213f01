using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;
using Orleans.Transfer.Testing;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Quotas;

/// <summary>
/// A silo with small job limits (10 per owner, 20 per administrator, 30 in all) and a fake clock for the sweep. Each
/// test leaves no unfinished job behind, so the next one starts from a service holding none.
/// </summary>
public sealed class QuotaClusterFixture : IAsyncLifetime
{
    public const int MaxJobsPerOwner = 10;
    public const int MaxJobsPerAdministrator = 20;
    public const int MaxJobs = 30;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-quota-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    private IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;

    internal IJobCatalog Catalog => Silo.GetRequiredService<IJobCatalog>();

    internal StorageDatabase Database => Silo.GetRequiredService<StorageDatabase>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        var clock = Clock;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<INetworkProbe>(new SwitchableNetworkProbe());
            silo.AddTransferStorage(o => o.DataDirectory = dataDirectory);
            silo.AddTransferService();
            silo.Services.Configure<TransferJobOptions>(o =>
            {
                o.MaxJobsPerOwner = MaxJobsPerOwner;
                o.MaxJobsPerAdministrator = MaxJobsPerAdministrator;
                o.MaxJobs = MaxJobs;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    public Task RestartSiloAsync() => ClusterRestarts.RestartAsync(Cluster);

    /// <summary>The silo's sweep, once, now.</summary>
    public Task SweepAsync() =>
        Silo.GetServices<IHostedService>().OfType<InactiveJobSweeper>().Single().SweepOnceAsync(CancellationToken.None);
}
