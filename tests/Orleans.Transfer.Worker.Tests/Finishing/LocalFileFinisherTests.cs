using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Worker.Tests;

public sealed class LocalFileFinisherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-finisher-").FullName;
    private readonly LocalFileFinisher _finisher = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task MoveIntoPlace_ExistingDestination_IsReplaced()
    {
        var temp = Write(".a.bin.tmp", "new");
        var local = Write("a.bin", "old");

        await _finisher.MoveIntoPlaceAsync(temp, local);

        Assert.Equal("new", await File.ReadAllTextAsync(local));
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public async Task MoveIntoPlace_MissingTempFile_ThrowsRenameFailedNamingBothPaths()
    {
        var temp = Path.Combine(_directory, "missing.tmp");
        var local = Path.Combine(_directory, "a.bin");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => _finisher.MoveIntoPlaceAsync(temp, local));

        Assert.Equal(TransferErrorCode.RenameFailed, error.Code);
        Assert.Contains(temp, error.Message, StringComparison.Ordinal);
        Assert.Contains(local, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveIntoPlace_Cancelled_DoesNotMove()
    {
        var temp = Write(".b.bin.tmp", "x");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _finisher.MoveIntoPlaceAsync(temp, Path.Combine(_directory, "b.bin"), new CancellationToken(canceled: true)));

        Assert.True(File.Exists(temp));
    }

    [Fact]
    public async Task Delete_ExistingOrMissingFile_ReturnsNull()
    {
        var path = Write("c.bin", "x");

        Assert.Null(await _finisher.DeleteAsync(path));
        Assert.Null(await _finisher.DeleteAsync(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Delete_ADirectory_ReturnsTheFailureInsteadOfThrowing()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "d")).FullName;

        var failure = await _finisher.DeleteAsync(directory);

        Assert.True(failure is IOException or UnauthorizedAccessException, failure?.GetType().Name);
        Assert.True(Directory.Exists(directory));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
