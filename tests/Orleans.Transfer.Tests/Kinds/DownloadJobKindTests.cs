using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Kinds.Download;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Tests.Kinds;

public sealed class DownloadJobKindTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-download-kind-").FullName;
    private const string Owner = "unix:0";

    private readonly GatedFileFinisher _finisher = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The real registry, as the silo builds it: the kind validates remotes through it.
    private static readonly ITransportRegistry s_transports =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<ITransportRegistry>();

    // The silo's own finisher (owner threads, many moves per trip).
    private static readonly IFileFinisher s_localFinisher =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<IFileFinisher>();

    private DownloadJobKind Kind(IFileFinisher? finisher = null) => new(s_transports, finisher ?? _finisher, NullLogger<DownloadJobKind>.Instance);

    [Fact]
    public void CreateFiles_ValidatesAndPutsTheTempFileBesideTheDestination()
    {
        var jobId = Guid.NewGuid();
        var destination = Path.Combine(_directory, "a.iso");
        var file = Assert.Single(Kind().CreateFiles(jobId, [new FileSpec("http://example.test/a.iso", destination, [new ByteRange(0, 10)])]));
        Assert.Equal(TempFileNames.For(destination, jobId), file.TempPath);
        Assert.Equal(_directory, Path.GetDirectoryName(file.TempPath));
        Assert.Single(file.Ranges);
    }

    [Fact]
    public void CreateFiles_BadFile_NamesItsIndexAndField()
    {
        var error = Assert.Throws<TransferJobException>(() => Kind().CreateFiles(
            Guid.NewGuid(),
            [new FileSpec("http://example.test/a", Path.Combine(_directory, "a")), new FileSpec("http://example.test/b", "relative/b")]));
        Assert.Equal((TransferErrorCode.InvalidLocalPath, "files[1].localPath"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Keep_MovesTheTempFileIntoPlace_AndMarksIt()
    {
        var file = new JobFileState { TempPath = Path.Combine(_directory, ".a.tmp"), LocalPath = Path.Combine(_directory, "a") };
        await File.WriteAllTextAsync(file.TempPath, "done");
        await Kind().KeepAsync(Guid.NewGuid(), Owner, file, 0);
        Assert.True(file.InPlace);
        Assert.Equal("done", await File.ReadAllTextAsync(file.LocalPath));
    }

    [Fact]
    public async Task Keep_FailedMove_IsRenameFailedNamingTheFile_AndLeavesItNotInPlace()
    {
        var file = new JobFileState { TempPath = Path.Combine(_directory, ".missing.tmp"), LocalPath = Path.Combine(_directory, "b") };
        var kind = Kind(new FailingFinisher());
        var error = await Assert.ThrowsAsync<TransferJobException>(() => kind.KeepAsync(Guid.NewGuid(), Owner, file, 4));
        Assert.Equal((TransferErrorCode.RenameFailed, "files[4].localPath"), (error.Code, error.Field));
        Assert.StartsWith("files[4]: could not move", error.Message, StringComparison.Ordinal);
        Assert.False(file.InPlace);
    }

    [Fact]
    public async Task KeepMany_FailedMove_NamesTheFileByItsIndexInTheJob_FilesBeforeItAreInPlace()
    {
        var files = Enumerable.Range(0, 3)
            .Select(i => new JobFileState { TempPath = Path.Combine(_directory, $".k{i}.tmp"), LocalPath = Path.Combine(_directory, $"k{i}") })
            .ToList();
        await File.WriteAllTextAsync(files[0].TempPath, "0");
        await File.WriteAllTextAsync(files[2].TempPath, "2");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Kind(s_localFinisher).KeepManyAsync(Guid.NewGuid(), Owner, files, first: 5));

        Assert.Equal((TransferErrorCode.RenameFailed, "files[6].localPath"), (error.Code, error.Field));
        Assert.StartsWith("files[6]: could not move", error.Message, StringComparison.Ordinal);
        Assert.Equal([true, false, false], files.Select(f => f.InPlace));
        Assert.Equal("0", await File.ReadAllTextAsync(files[0].LocalPath));
        Assert.True(File.Exists(files[2].TempPath));
    }

    [Fact]
    public async Task KeepMany_MovesEveryFile_AndMarksThem()
    {
        var files = Enumerable.Range(0, 70)
            .Select(i => new JobFileState { TempPath = Path.Combine(_directory, $".j{i}.tmp"), LocalPath = Path.Combine(_directory, $"j{i}") })
            .ToList();
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(file.TempPath, file.LocalPath);
        }

        await Kind(s_localFinisher).KeepManyAsync(Guid.NewGuid(), Owner, files, first: 0);

        Assert.All(files, f => Assert.True(f.InPlace && File.ReadAllText(f.LocalPath) == f.LocalPath));
    }

    [Fact]
    public async Task Discard_DeletesTheTempFileThroughTheFinisher()
    {
        var file = new JobFileState { TempPath = Path.Combine(_directory, ".c.tmp"), LocalPath = Path.Combine(_directory, "c") };
        await File.WriteAllTextAsync(file.TempPath, "partial");
        await Kind().DiscardAsync(Guid.NewGuid(), Owner, file);
        Assert.False(File.Exists(file.TempPath));
        Assert.Equal([file.TempPath], _finisher.Deleted);
    }

    [Fact]
    public void Registry_UnknownType_IsNotSupportedNamingType()
    {
        var registry = new JobKindRegistry([Kind()]);
        Assert.IsType<DownloadJobKind>(registry.Get(JobType.Download));
        var error = Assert.Throws<TransferJobException>(() => registry.Get(JobType.UploadReply));
        Assert.Equal((TransferErrorCode.NotSupported, "type"), (error.Code, error.Field));
    }

    private sealed class FailingFinisher : IFileFinisher
    {
        public Task MoveIntoPlaceAsync(
            string? owner, string tempPath, string localPath, FileIdentity? expected = null, CancellationToken cancellationToken = default) =>
            throw new TransferJobException(TransferErrorCode.RenameFailed, $"could not move '{tempPath}' to '{localPath}': denied.");

        public Task<Exception?> DeleteAsync(string? owner, string path, CancellationToken cancellationToken = default) => Task.FromResult<Exception?>(null);
    }
}
