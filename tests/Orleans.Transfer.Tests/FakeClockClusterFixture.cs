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
public sealed class FakeClockClusterFixture() : OriginSiloFixture("fakeclock")
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-24T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The silo's network, read by its real monitor; on until a test switches it off.</summary>
    public SwitchableNetworkProbe Network { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.Services.AddSingleton<INetworkProbe>(Network);
        silo.AddTransferStorage(o => o.DataDirectory = DataDirectory);
        silo.AddTransferService();

        // The webhook tests' receiver listens on 127.0.0.1, which the default destination policy refuses.
        silo.Services.Configure<NotificationOptions>(o => o.AllowLoopbackWebhooks = true);
    }
}
