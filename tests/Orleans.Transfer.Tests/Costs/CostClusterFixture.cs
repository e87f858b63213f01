using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>
/// A silo under a <see cref="FakeTimeProvider"/> whose network cost the test sets, with the administrator's default
/// policy <c>always</c> for Foreground jobs and <c>unrestricted</c> for the others (B85), and small checkpoints so a
/// stopped transfer has kept bytes to show.
/// </summary>
public sealed class CostClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public FakeNetworkCostMonitor Cost { get; } = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-cost-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var (dataDirectory, clock, cost) = (DataDirectory, Clock, Cost);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddTransferStorage(o => o.DataDirectory = dataDirectory);
            silo.AddTransferService(o => o.CheckpointBytes = 32 * 1024);

            // After the service's own registrations: the last one wins.
            silo.Services.AddSingleton<INetworkCostMonitor>(cost);
            silo.Services.Configure<CostPolicyOptions>(o => o.Background = "unrestricted");
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
