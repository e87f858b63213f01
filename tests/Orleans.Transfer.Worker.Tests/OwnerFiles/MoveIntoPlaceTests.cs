using System.Runtime.Versioning;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>Complete's move: a regular file may be replaced, nothing else; deleting on Cancel removes only the service's file.</summary>
[SupportedOSPlatform("linux")]
public sealed class MoveIntoPlaceTests : OwnerFilesFixture
{
    private string Temp => PathOf(".a.bin.xfer.tmp");

    private string Destination => PathOf("a.bin");

    [LinuxFact]
    public async Task Move_NothingAtTheDestination_LandsWithMode0644_AndTheTempNameIsGone()
    {
        await CreateTempAsync("done");

        await Finisher.MoveIntoPlaceAsync(null, Temp, Destination);

        Assert.Equal("done", await File.ReadAllTextAsync(Destination));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Destination));
        Assert.False(File.Exists(Temp));
    }

    [LinuxFact]
    public async Task Move_ARegularFileAtTheDestination_IsReplaced()
    {
        await CreateTempAsync("new");
        Write("a.bin", "old");

        await Finisher.MoveIntoPlaceAsync(null, Temp, Destination);

        Assert.Equal("new", await File.ReadAllTextAsync(Destination));
    }

    [LinuxFact]
    public async Task Move_WithoutReplace_ARegularFileAtTheDestination_IsKeptAndTheTempStays()
    {
        await CreateTempAsync("new");
        Write("a.bin", "old");

        var error = await Assert.ThrowsAsync<OwnerFileException>(() => Files.MoveIntoPlaceAsync(null, Temp, Destination, replace: false, expected: null, CancellationToken.None));

        Assert.Equal(TransferErrorCode.AlreadyExists, error.Code);
        Assert.Equal("old", await File.ReadAllTextAsync(Destination));
        Assert.True(File.Exists(Temp));
    }

    [LinuxFact]
    public async Task Move_WithoutReplace_ADanglingLinkAtTheDestination_IsKept()
    {
        await CreateTempAsync("new");
        File.CreateSymbolicLink(Destination, PathOf("nowhere"));

        var error = await Assert.ThrowsAsync<OwnerFileException>(() => Files.MoveIntoPlaceAsync(null, Temp, Destination, replace: false, expected: null, CancellationToken.None));

        Assert.Equal(TransferErrorCode.AlreadyExists, error.Code);
        Assert.NotNull(new FileInfo(Destination).LinkTarget);
        Assert.False(File.Exists(PathOf("nowhere")));
    }

    [LinuxFact]
    public async Task Move_WithoutReplace_NothingAtTheDestination_Lands()
    {
        await CreateTempAsync("new");

        await Files.MoveIntoPlaceAsync(null, Temp, Destination, replace: false, expected: null, CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(Destination));
    }

    [LinuxFact]
    public async Task Move_ADirectoryAtTheDestination_IsRefusedAndLeftAlone()
    {
        await CreateTempAsync("new");
        Directory.CreateDirectory(Destination);
        Write("a.bin/inside", "kept");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination));

        Assert.Equal(TransferErrorCode.DestinationNotRegularFile, error.Code);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(PathOf("a.bin/inside")));
        Assert.True(File.Exists(Temp));
    }

    [LinuxFact]
    public async Task Move_ASymbolicLinkAtTheDestination_IsRefused_TheLinkAndItsTargetUnchanged()
    {
        await CreateTempAsync("new");
        var victim = Write("victim", "precious");
        File.CreateSymbolicLink(Destination, victim);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination));

        Assert.Equal(TransferErrorCode.DestinationNotRegularFile, error.Code);
        Assert.Equal(victim, new FileInfo(Destination).LinkTarget);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
    }

    [LinuxFact]
    public async Task Move_AFifoAtTheDestination_IsRefused()
    {
        await CreateTempAsync("new");
        await RunAsync("mkfifo", Destination);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination));

        Assert.Equal(TransferErrorCode.DestinationNotRegularFile, error.Code);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    [LinuxRootFact]
    public async Task Move_ADeviceNodeAtTheDestination_IsNotReplaced()
    {
        await CreateTempAsync("new");
        await RunAsync("mknod", Destination, "c", "1", "3");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination));

        Assert.Equal(TransferErrorCode.DestinationNotRegularFile, error.Code);
        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
        Assert.Equal("new", await File.ReadAllTextAsync(Temp));
    }

    [LinuxFact]
    public async Task Move_DevNullAsTheDestination_IsNotReplaced()
    {
        await CreateTempAsync("new");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, "/dev/null"));

        Assert.Equal(TransferErrorCode.DestinationNotRegularFile, error.Code);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync("/dev/null"));
    }

    [LinuxFact]
    public async Task Move_ATempFileWithASecondName_IsNotMoved()
    {
        await CreateTempAsync("new");
        await RunAsync("ln", Temp, PathOf("second-name"));

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination));

        Assert.Equal(TransferErrorCode.RenameFailed, error.Code);
        Assert.Contains("hard links", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Destination));
    }

    /// <summary>Adds: a completion after a crash that lost the state write of a move finds the file in place and is done.</summary>
    [LinuxFact]
    public async Task Move_AlreadyMovedByAnEarlierMove_TheCheckpointsFileAtTheDestination_IsDone()
    {
        var identity = await CreateTempAsync("done");
        await Finisher.MoveIntoPlaceAsync(null, Temp, Destination, identity);

        await Finisher.MoveIntoPlaceAsync(null, Temp, Destination, identity);

        Assert.Equal("done", await File.ReadAllTextAsync(Destination));
        Assert.Equal([Destination], Directory.GetFiles(Path.GetDirectoryName(Destination)!));
    }

    /// <summary>Adds: with the temporary file gone, another file at the destination is not taken for the moved one.</summary>
    [LinuxFact]
    public async Task Move_TheTempGone_AnotherFileAtTheDestination_Fails()
    {
        var identity = await CreateTempAsync("done");
        await Finisher.MoveIntoPlaceAsync(null, Temp, Destination, identity);
        File.Move(Destination, PathOf("kept.bin"));
        Write("a.bin", "another");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Finisher.MoveIntoPlaceAsync(null, Temp, Destination, identity));

        Assert.Equal(TransferErrorCode.RenameFailed, error.Code);
        Assert.Equal("another", await File.ReadAllTextAsync(Destination));
    }

    [LinuxFact]
    public async Task Delete_TheServicesTempFile_IsDeleted()
    {
        await CreateTempAsync("partial");

        Assert.Null(await Finisher.DeleteAsync(null, Temp));
        Assert.False(File.Exists(Temp));
    }

    [LinuxFact]
    public async Task Delete_ASymbolicLinkAtTheTempName_IsLeftAlone_AndSaysWhy()
    {
        var victim = Write("victim", "precious");
        File.CreateSymbolicLink(Temp, victim);

        var failure = await Finisher.DeleteAsync(null, Temp);

        Assert.Contains("symbolic link", Assert.IsType<OwnerFileException>(failure).Message, StringComparison.Ordinal);
        Assert.Equal(victim, new FileInfo(Temp).LinkTarget);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
    }

    private async Task<FileIdentity?> CreateTempAsync(string content)
    {
        using var file = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(file.Handle, System.Text.Encoding.UTF8.GetBytes(content), 0);
        return file.Identity;
    }
}
