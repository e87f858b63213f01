using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Orleans.Transfer.Client;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>One in-process silo running the real transfer service on a temporary SQLite database.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("xfer-cli-tests-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The Complete calls each job received.</summary>
    public CompleteCalls CompleteCalls { get; } = new();

    /// <summary>The CLI's client facade over the cluster's own client, polling fast so watches end quickly.</summary>
    public ITransferClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var completeCalls = CompleteCalls;
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddIncomingGrainCallFilter(completeCalls);
            silo.AddTransferStorage(storage =>
            {
                storage.Profile = StorageProfile.Sqlite;
                storage.DataDirectory = _dataDirectory;
            });
            silo.AddTransferService();
        });
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = TransferClientOptions.ServiceId;
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        var clientOptions = Options.Create(new TransferClientOptions { WatchInterval = TimeSpan.FromMilliseconds(50) });
        Client = new TransferClient(Cluster.Client, clientOptions);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
