using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests;

public sealed class LocalFileFinisherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-finisher-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();

    // The service's own files: no owner, so the trusted-service account, by default the service itself.
    private IFileFinisher Finisher => _services.GetRequiredService<IFileFinisher>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task MoveIntoPlace_ExistingDestination_IsReplaced()
    {
        var temp = Write(".a.bin.tmp", "new");
        var local = Write("a.bin", "old");

        await Finisher.MoveIntoPlaceAsync(null, temp, local);

        Assert.Equal("new", await File.ReadAllTextAsync(local));
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public async Task MoveIntoPlace_MissingTempFile_ThrowsRenameFailedNamingBothPaths()
    {
        var temp = Path.Combine(_directory, "missing.tmp");
        var local = Path.Combine(_directory, "a.bin");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, temp, local));

        Assert.Equal(TransferErrorCode.RenameFailed, error.Code);
        Assert.Contains(temp, error.Message, StringComparison.Ordinal);
        Assert.Contains(local, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveIntoPlace_Cancelled_DoesNotMove()
    {
        var temp = Write(".b.bin.tmp", "x");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Finisher.MoveIntoPlaceAsync(null, temp, Path.Combine(_directory, "b.bin"), cancellationToken: new CancellationToken(canceled: true)));

        Assert.True(File.Exists(temp));
    }

    [Fact]
    public async Task Delete_ExistingOrMissingFile_ReturnsNull()
    {
        var path = Write("c.bin", "x");

        Assert.Null(await Finisher.DeleteAsync(null, path));
        Assert.Null(await Finisher.DeleteAsync(null, path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Delete_ADirectory_ReturnsTheFailureInsteadOfThrowing()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "d")).FullName;

        var failure = await Finisher.DeleteAsync(null, directory);

        Assert.True(failure is IOException or UnauthorizedAccessException or OwnerFileException, failure?.GetType().Name);
        Assert.True(Directory.Exists(directory));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
