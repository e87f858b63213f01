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
public sealed class ParallelFilesClusterFixture : IAsyncLifetime
{
    public const int MaxParallelFiles = 3;

    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(5);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-parallel-").FullName;

    public string DownloadDirectory { get; } = Directory.CreateTempSubdirectory("xfer-parallel-downloads-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
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
            silo.AddTransferService(o =>
            {
                // Full buffers are written and checkpointed before a stall: what a stopped file keeps is known.
                o.BufferSize = 256 * 1024;
                o.CheckpointBytes = 64 * 1024;
                o.StallTimeout = StallTimeout;
                o.RetryBaseDelay = TimeSpan.Zero;
            });
            silo.Services.Configure<TransferJobOptions>(o => o.MaxParallelFilesPerJob = MaxParallelFiles);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(DownloadDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    public string NewDestination(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(DownloadDirectory, Guid.NewGuid().ToString("N"))).FullName, name);
}
