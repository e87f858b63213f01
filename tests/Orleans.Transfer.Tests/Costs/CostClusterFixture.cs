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
public sealed class CostClusterFixture() : OriginSiloFixture("cost")
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public FakeNetworkCostMonitor Cost { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.AddTransferStorage(o => o.DataDirectory = DataDirectory);
        silo.AddTransferService(o => o.CheckpointBytes = 32 * 1024);

        // After the service's own registrations: the last one wins.
        silo.Services.AddSingleton<INetworkCostMonitor>(Cost);
        silo.Services.Configure<CostPolicyOptions>(o => o.Background = "unrestricted");
    }
}
