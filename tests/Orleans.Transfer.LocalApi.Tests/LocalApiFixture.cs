using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>
/// One in-process silo on a temporary SQLite database with the <c>fake://</c> transport, and the local API on a
/// temporary Unix socket in front of it.
/// </summary>
public sealed class LocalApiFixture : IAsyncLifetime
{
    private readonly TempSocketDirectory _sockets = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-localapi-").FullName;

    public string DownloadDirectory { get; } = Directory.CreateTempSubdirectory("xfer-localapi-downloads-").FullName;

    public FakeRemote Remote { get; } = new();

    /// <summary>Upload replies the tests name, answered without an upload server.</summary>
    public CannedReplies Replies { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public LocalApiHost Api { get; private set; } = null!;

    public TempSocketDirectory Sockets => _sockets;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        var remote = Remote;
        var replies = Replies;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = dataDirectory;
            });
            silo.AddTransferService();
            silo.Services.AddFakeTransport(remote);
            silo.AddIncomingGrainCallFilter(replies);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Api = await LocalApiHost.StartAsync(Cluster.Client, _sockets.Socket());
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Cluster.DisposeAsync();
        _sockets.Dispose();
        Directory.Delete(DownloadDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    public string NewDestination(string name = "file.bin") =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(DownloadDirectory, Guid.NewGuid().ToString("N"))).FullName, name);
}
