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
    public async Task MoveMany_MoreFilesThanOneTrip_MovesEveryFile()
    {
        var moves = Enumerable.Range(0, 150).Select(i => new FileMove(Write($".m{i}.tmp", $"{i}"), Path.Combine(_directory, $"m{i}"), null)).ToList();

        var result = await Finisher.MoveManyIntoPlaceAsync(null, moves);

        Assert.Equal(new FileMovesResult(150, null), result);
        for (var i = 0; i < moves.Count; i++)
        {
            Assert.Equal($"{i}", await File.ReadAllTextAsync(moves[i].LocalPath));
            Assert.False(File.Exists(moves[i].TempPath));
        }
    }

    [Fact]
    public async Task MoveMany_MissingTempFileInTheSecondTrip_StopsThere_ReportingItAsTheSingleMoveWould()
    {
        var moves = Enumerable.Range(0, 100).Select(i => new FileMove(Write($".n{i}.tmp", "x"), Path.Combine(_directory, $"n{i}"), null)).ToList();
        File.Delete(moves[70].TempPath);

        var result = await Finisher.MoveManyIntoPlaceAsync(null, moves);

        Assert.Equal(70, result.Moved);
        Assert.Equal(TransferErrorCode.RenameFailed, result.Failure?.Code);
        Assert.Contains(moves[70].TempPath, result.Failure!.Message, StringComparison.Ordinal);
        Assert.All(moves.Take(70), m => Assert.True(File.Exists(m.LocalPath)));
        Assert.All(moves.Skip(71), m => Assert.True(File.Exists(m.TempPath) && !File.Exists(m.LocalPath)));
    }

    [Fact]
    public async Task MoveMany_ADirectoryAtADestination_IsNotReplaced_AndTheFilesAfterItStay()
    {
        var moves = Enumerable.Range(0, 3).Select(i => new FileMove(Write($".d{i}.tmp", "x"), Path.Combine(_directory, $"d{i}"), null)).ToList();
        Directory.CreateDirectory(moves[1].LocalPath);

        var result = await Finisher.MoveManyIntoPlaceAsync(null, moves);

        Assert.Equal((1, TransferErrorCode.DestinationNotRegularFile), (result.Moved, result.Failure?.Code));
        Assert.True(Directory.Exists(moves[1].LocalPath));
        Assert.True(File.Exists(moves[1].TempPath) && File.Exists(moves[2].TempPath));
    }

    /// <summary>
    /// One trip's moves in two directories, alternating, each land in the directory their path names, and a missing
    /// directory fails its move as the single move would (the guard for sharing a trip's directory descriptors).
    /// </summary>
    [Fact]
    public async Task MoveMany_MovesInSeveralDirectoriesInOneTrip_EachLandsInItsOwnDirectory()
    {
        var other = Directory.CreateDirectory(Path.Combine(_directory, "other")).FullName;
        var moves = Enumerable.Range(0, 6)
            .Select(i => i % 2 == 0 ? _directory : other)
            .Select((directory, i) => new FileMove(WriteIn(directory, $".s{i}.tmp", $"{i}"), Path.Combine(directory, $"s{i}"), null))
            .ToList();

        var result = await Finisher.MoveManyIntoPlaceAsync(null, moves);

        Assert.Equal(new FileMovesResult(6, null), result);
        for (var i = 0; i < moves.Count; i++)
        {
            Assert.Equal($"{i}", await File.ReadAllTextAsync(moves[i].LocalPath));
        }

        var missing = Path.Combine(_directory, "gone");
        var failing = new List<FileMove>
        {
            new(Write(".t0.tmp", "0"), Path.Combine(_directory, "t0"), null),
            new(Path.Combine(missing, ".t1.tmp"), Path.Combine(missing, "t1"), null),
            new(Write(".t2.tmp", "2"), Path.Combine(_directory, "t2"), null),
        };

        var stopped = await Finisher.MoveManyIntoPlaceAsync(null, failing);

        Assert.Equal((1, TransferErrorCode.RenameFailed), (stopped.Moved, stopped.Failure?.Code));
        Assert.Contains(missing, stopped.Failure!.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(failing[2].TempPath));
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

    private string Write(string name, string text) => WriteIn(_directory, name, text);

    private static string WriteIn(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
