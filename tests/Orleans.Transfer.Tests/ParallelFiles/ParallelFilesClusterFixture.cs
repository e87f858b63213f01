using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.ParallelFiles;

/// <summary>
/// A silo that transfers three files of a job at once, on a fake clock: an origin file that stalls holds its transfer
/// until the test advances the clock past <see cref="StallTimeout"/>, and the quick retry after it comes at once.
/// </summary>
public sealed class ParallelFilesClusterFixture() : OriginSiloFixture("parallel")
{
    public const int MaxParallelFiles = 3;

    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(5);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.Services.AddSingleton<INetworkProbe>(new SwitchableNetworkProbe());
        silo.AddTransferStorage(o => o.DataDirectory = DataDirectory);
        silo.AddTransferService(o =>
        {
            // Full buffers are written before a stall, and the one that reaches a 512 KiB stall point queues the
            // checkpoint's flush: what a stopped file keeps, and records, is known.
            o.BufferSize = 256 * 1024;
            o.CheckpointBytes = 512 * 1024;
            o.StallTimeout = StallTimeout;
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        silo.Services.Configure<TransferJobOptions>(o => o.MaxParallelFilesPerJob = MaxParallelFiles);
    }
}
