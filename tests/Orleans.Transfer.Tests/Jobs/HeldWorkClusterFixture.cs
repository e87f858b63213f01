using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Tests.Kinds;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// A fake-clock silo whose slow steps a test can hold, each behind a gate that is open until the test closes it: a
/// run's last worker event, the moves into place, the owner checks of local paths and the destination claims. So a
/// job's own work (its run loop, which completes a job with CompleteWhenTransferred) can be made to happen while a
/// caller's operation waits at one of its awaits.
/// </summary>
public sealed class HeldWorkClusterFixture() : OriginSiloFixture("held")
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-24T00:00:00Z", CultureInfo.InvariantCulture));

    internal TestGate Runs { get; } = new();

    internal GatedFileFinisher Finisher { get; } = new();

    internal TestGate OwnerChecks { get; } = new();

    internal TestGate Claims { get; } = new();

    /// <summary>Opens every gate, so that a test that failed holds nothing the next one needs.</summary>
    public void ReleaseAll()
    {
        Runs.Release();
        Finisher.Release();
        OwnerChecks.Release();
        Claims.Release();
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.Services.AddSingleton<IFileFinisher>(Finisher);
        silo.AddTransferStorage(o => o.DataDirectory = DataDirectory);
        silo.AddTransferService();
        Wrap<ITransferWorker>(silo, real => new GatedWorker(real, Runs));
        Wrap<ILocalPathChecker>(silo, real => new GatedLocalPathChecker(real, OwnerChecks));
        Wrap<IJobCatalog>(silo, real => GatedClaimsCatalog.Wrap(real, Claims));
    }

    public override async Task DisposeAsync()
    {
        ReleaseAll();
        await base.DisposeAsync();
    }
}
