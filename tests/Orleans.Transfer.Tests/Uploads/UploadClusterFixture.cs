using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing.FakeUploads;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// One silo on the embedded SQLite profile (restartable, keeping its database) whose upload runs the tests script
/// (<see cref="UploadScriptWorker"/>), whose session packets are recorded (<see cref="RecordingSessionControl"/>), and
/// whose reply downloads go through the real worker to a real origin on 127.0.0.1.
/// </summary>
public sealed class UploadClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("xfer-uploads-").FullName;

    public string FilesDirectory { get; } = Directory.CreateTempSubdirectory("xfer-upload-files-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    internal UploadRuns Runs { get; } = new();

    internal RecordingSessionControl Sessions { get; } = new();

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var (dataDirectory, runs, sessions) = (DataDirectory, Runs, Sessions);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = dataDirectory;
            });
            silo.AddTransferService(o => o.CheckpointBytes = 64 * 1024);
            silo.Services.AddStandInUploadTransport();
            silo.Services.AddSingleton<IUploadSessionControl>(sessions);
            var real = silo.Services.Last(d => d.ServiceType == typeof(ITransferWorker));
            silo.Services.Remove(real);
            silo.Services.AddSingleton<ITransferWorker>(sp => new UploadScriptWorker(
                (ITransferWorker)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)),
                runs));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(FilesDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    public Task RestartSiloAsync() => ClusterRestarts.RestartAsync(Cluster);

    /// <summary>A new file of <paramref name="length"/> bytes to upload, in a directory of its own.</summary>
    public string NewLocalFile(int length = 100)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(FilesDirectory, Guid.NewGuid().ToString("N"))).FullName, "report.zip");
        File.WriteAllBytes(path, new byte[length]);
        return path;
    }

    /// <summary>Serves <paramref name="content"/> as a server application's reply; returns its URL.</summary>
    public string AddReply(byte[] content)
    {
        var name = $"reply-{Guid.NewGuid():N}";
        Origin.AddFile(name, content);
        return Origin.UrlFor(name).ToString();
    }
}
