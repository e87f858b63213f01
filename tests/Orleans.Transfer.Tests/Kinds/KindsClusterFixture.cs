using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing.FakeTransport;
using Orleans.Transfer.Tests.FakeKind;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>
/// A silo with a gated file finisher, the test-only <see cref="StagedJobKind"/> and the test-only <c>fake://</c>
/// transport registered, one line each.
/// </summary>
public sealed class KindsClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-kinds-").FullName;

    internal GatedFileFinisher Finisher { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public FakeRemote FakeRemote { get; } = new();

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var dataDirectory = DataDirectory;
        var finisher = Finisher;
        var fakeRemote = FakeRemote;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IFileFinisher>(finisher);
            silo.AddTransferStorage(o => o.DataDirectory = dataDirectory);
            silo.AddTransferService();
            silo.Services.AddJobKind<StagedJobKind>();
            silo.Services.AddFakeTransport(fakeRemote);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        Finisher.Release();
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
