using Microsoft.Extensions.DependencyInjection;
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
public sealed class UploadClusterFixture() : OriginSiloFixture("uploads")
{
    public string FilesDirectory { get; } = Directory.CreateTempSubdirectory("xfer-upload-files-").FullName;

    internal UploadRuns Runs { get; } = new();

    internal RecordingSessionControl Sessions { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddTransferStorage(o =>
        {
            o.Profile = StorageProfile.Sqlite;
            o.DataDirectory = DataDirectory;
        });
        silo.AddTransferService(o => o.CheckpointBytes = 64 * 1024);
        silo.Services.AddStandInUploadTransport();
        silo.Services.AddSingleton<IUploadSessionControl>(Sessions);
        Wrap<ITransferWorker>(silo, real => new UploadScriptWorker(real, Runs));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(FilesDirectory, recursive: true);
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
