using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests;

/// <summary>
/// A silo whose TimeProvider is a <see cref="FakeTimeProvider"/>: retry delays and grain timers move only when a test
/// advances the clock. Orleans' own background areas (activation collection, membership, reminders' polling) keep
/// the real clock, so advancing ours by hours does not collect activations or run maintenance inline.
/// </summary>
public sealed class FakeClockClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-24T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-fakeclock-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    /// <summary>The silo's network, read by its real monitor; on until a test switches it off.</summary>
    public SwitchableNetworkProbe Network { get; } = new();

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        var clock = Clock;
        var network = Network;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<INetworkProbe>(network);
            silo.AddTransferStorage(o => o.DataDirectory = dataDirectory);
            silo.AddTransferService();

            // The webhook tests' receiver listens on 127.0.0.1, which the default destination policy refuses.
            silo.Services.Configure<NotificationOptions>(o => o.AllowLoopbackWebhooks = true);
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
