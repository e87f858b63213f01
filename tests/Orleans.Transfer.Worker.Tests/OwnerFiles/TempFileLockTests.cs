using System.Diagnostics;
using System.Runtime.Versioning;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>
/// Never two writers on one temporary file: the writer that opened it holds an exclusive lock until it closes it, and
/// a second open (a duplicate in this process, a stale activation in another) is refused, transient, without a byte lost;
/// a survivor may take a held file over (its writer's silo declared dead), and Complete never moves a held file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TempFileLockTests : OwnerFilesFixture
{
    private string Temp => PathOf(".a.bin.xfer.tmp");

    [LinuxFact]
    public async Task SecondResume_WhileTheFirstHoldsIt_IsRefused_ThenOpensAfterRelease_BytesIntact()
    {
        var first = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(first.Handle, "written by the first"u8.ToArray(), 0);

        var refused = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.OpenTempAsync(null, Temp, first.Identity, resume: true, CancellationToken.None));

        Assert.Equal(TransferErrorCode.DestinationInUse, refused.Code);
        Assert.True(refused.IsTransient);
        Assert.Contains(Temp, refused.Message, StringComparison.Ordinal);
        Assert.Equal("written by the first", await File.ReadAllTextAsync(Temp));

        var identity = first.Identity;
        first.Dispose();
        using var second = await Files.OpenTempAsync(null, Temp, identity, resume: true, CancellationToken.None);
        Assert.True(second.Resumed);
        Assert.Equal(identity, second.Identity);
        Assert.Equal("written by the first", await File.ReadAllTextAsync(Temp));
    }

    [LinuxFact]
    public async Task SecondNewOpen_WhileTheFirstHoldsIt_IsRefused_TheFileKeepsItsNameAndBytes()
    {
        using var first = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(first.Handle, "partial"u8.ToArray(), 0);

        var refused = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None));

        Assert.Equal(TransferErrorCode.DestinationInUse, refused.Code);
        Assert.Null(first.CheckIntact(7));
        Assert.Equal("partial", await File.ReadAllTextAsync(Temp));
    }

    [LinuxFact]
    public async Task AnotherProcessHoldingTheLock_IsRefused_AndAfterItExits_TheFileResumes()
    {
        Write(".a.bin.xfer.tmp", "held elsewhere", (UnixFileMode)0b110_000_000);

        // python3 (scripts/test-peers.sh installs it) takes a POSIX write lock on the file, as another silo's writer
        // would hold one, says so, and holds it until its input closes.
        const string holdLock = "import fcntl, sys; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()";
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", holdLock, Temp })
        {
            start.ArgumentList.Add(argument);
        }

        using var holder = Process.Start(start)!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

        var refused = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.OpenTempAsync(null, Temp, expected: null, resume: true, CancellationToken.None));
        Assert.Equal(TransferErrorCode.DestinationInUse, refused.Code);

        holder.StandardInput.Close();
        await holder.WaitForExitAsync();

        using var file = await Files.OpenTempAsync(null, Temp, expected: null, resume: true, CancellationToken.None);
        Assert.True(file.Resumed);
        Assert.Equal("held elsewhere", await File.ReadAllTextAsync(Temp));
    }

    /// <summary>
    /// docs/cluster.md, "Fencing": a writer whose silo was declared dead still holds the lock; the survivor takes the
    /// file over. Its bytes are in a new file under the name, which the survivor holds; the old writer's later writes
    /// land in its own file, now nameless, and its check at the next checkpoint finds the name taken by another file.
    /// </summary>
    [LinuxFact]
    public async Task TakeOver_OfAHeldFile_CopiesItsBytes_TheOldWriterNoLongerReachesTheName()
    {
        using var stale = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(stale.Handle, "checkpointed"u8.ToArray(), 0);

        using var survivor = await Files.TakeOverTempAsync(null, Temp, stale.Identity, resume: true, CancellationToken.None);
        Assert.True(survivor.Resumed);
        Assert.NotEqual(stale.Identity, survivor.Identity);
        Assert.Equal("checkpointed", await File.ReadAllTextAsync(Temp));
        Assert.Equal([Temp], Directory.GetFiles(Path.GetDirectoryName(Temp)!));

        await RandomAccess.WriteAsync(stale.Handle, " and written after the takeover"u8.ToArray(), 12);
        Assert.Equal("checkpointed", await File.ReadAllTextAsync(Temp));
        Assert.Equal("the temp file was replaced by another file", stale.CheckIntact(43));
        Assert.True(stale.NameHasAnotherFile());
        Assert.False(survivor.NameHasAnotherFile());

        // The survivor holds the new file: the old writer cannot open it again, nor remove it to start anew.
        var refused = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None));
        Assert.Equal(TransferErrorCode.DestinationInUse, refused.Code);
        Assert.Equal("checkpointed", await File.ReadAllTextAsync(Temp));
    }

    [LinuxFact]
    public async Task TakeOver_OfAFileThatIsNotTheCheckpoints_StartsEmpty_AndOfAFileNobodyHolds_IsTheOrdinaryResume()
    {
        var other = new FileIdentity(1, 1);
        using (var stale = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None))
        {
            await RandomAccess.WriteAsync(stale.Handle, "someone else's"u8.ToArray(), 0);
            using var survivor = await Files.TakeOverTempAsync(null, Temp, other, resume: true, CancellationToken.None);
            Assert.False(survivor.Resumed);
            Assert.Equal("", await File.ReadAllTextAsync(Temp));
        }

        var identity = Assert.IsType<FileIdentity>(await GetIdentityAsync());
        using var resumed = await Files.TakeOverTempAsync(null, Temp, identity, resume: true, CancellationToken.None);
        Assert.True(resumed.Resumed);
        Assert.Equal(identity, resumed.Identity);
    }

    /// <summary>
    /// A survivor that died in the middle of a takeover leaves its copy (<c>&lt;temp&gt;.takeover</c>) beside the file:
    /// the job's next open of the file removes it, but never a copy a takeover at work holds (that one makes a second
    /// takeover wait, transient).
    /// </summary>
    [LinuxFact]
    public async Task ACopyLeftByADeadTakeover_IsRemovedByTheNextOpen_ButNotACopyATakeoverHolds()
    {
        var copy = PathOf(".a.bin.xfer.tmp.takeover");
        Write(".a.bin.xfer.tmp", "checkpointed", (UnixFileMode)0b110_000_000);
        Write(".a.bin.xfer.tmp.takeover", "half a co", (UnixFileMode)0b110_000_000);

        using (var resumed = await Files.OpenTempAsync(null, Temp, expected: null, resume: true, CancellationToken.None))
        {
            Assert.True(resumed.Resumed);
            Assert.Equal([Temp], Directory.GetFiles(Scratch));
        }

        // A takeover at work: it holds its copy from the moment it creates it.
        using var atWork = await Files.OpenTempAsync(null, copy, expected: null, resume: false, CancellationToken.None);
        using var stale = await Files.OpenTempAsync(null, Temp, expected: null, resume: true, CancellationToken.None);
        Assert.True(File.Exists(copy));

        var refused = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.TakeOverTempAsync(null, Temp, stale.Identity, resume: true, CancellationToken.None));
        Assert.Equal(TransferErrorCode.DestinationInUse, refused.Code);
        Assert.True(refused.IsTransient);
        Assert.Equal("checkpointed", await File.ReadAllTextAsync(Temp));
        Assert.Null(stale.CheckIntact(12));
    }

    /// <summary>
    /// With the checkpoint's file recorded, the whole open runs even when the temporary name is free: a dead takeover's
    /// copy is removed (the guard a fresh-file fast path must keep; docs/benchmarks.md, issue 16 "owner-file path").
    /// </summary>
    [LinuxFact]
    public async Task NewOpen_WithTheCheckpointsFileRecorded_StillRemovesADeadTakeoversCopy()
    {
        FileIdentity? recorded;
        using (var first = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None))
        {
            recorded = first.Identity;
        }

        File.Delete(Temp);
        Write(".a.bin.xfer.tmp.takeover", "left by a survivor that died", (UnixFileMode)0b110_000_000);

        using var file = await Files.OpenTempAsync(null, Temp, recorded, resume: false, CancellationToken.None);

        Assert.False(file.Resumed);
        Assert.Equal(0, RandomAccess.GetLength(file.Handle));
        Assert.Equal([Temp], Directory.GetFiles(Scratch));
    }

    /// <summary>A new file's open that finds the name taken by a stale file: the file loses the name, a dead takeover's copy goes.</summary>
    [LinuxFact]
    public async Task NewOpen_NameTakenByAStaleFile_ReplacesIt_AndADeadTakeoversCopyGoes()
    {
        Write(".a.bin.xfer.tmp", "stale bytes", (UnixFileMode)0b110_000_000);
        Write(".a.bin.xfer.tmp.takeover", "left by a survivor that died", (UnixFileMode)0b110_000_000);

        using var file = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);

        Assert.False(file.Resumed);
        Assert.Equal(0, RandomAccess.GetLength(file.Handle));
        Assert.Equal(0, new FileInfo(Temp).Length);
        Assert.Equal([Temp], Directory.GetFiles(Scratch));
        Assert.Null(file.CheckIntact(0));
    }

    [LinuxFact]
    public async Task TakeOver_RemovesTheCopyADeadTakeoverLeft_AndTakesTheFileOver()
    {
        using var stale = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(stale.Handle, "checkpointed"u8.ToArray(), 0);
        Write(".a.bin.xfer.tmp.takeover", "left by a survivor that died", (UnixFileMode)0b110_000_000);

        using var survivor = await Files.TakeOverTempAsync(null, Temp, stale.Identity, resume: true, CancellationToken.None);

        Assert.True(survivor.Resumed);
        Assert.Equal("checkpointed", await File.ReadAllTextAsync(Temp));
        Assert.Equal([Temp], Directory.GetFiles(Scratch));
        Assert.Equal("the temp file was replaced by another file", stale.CheckIntact(12));
    }

    /// <summary>
    /// Complete's move is fenced too: never a file a writer still holds, and only the checkpoint's file, so a stale
    /// activation cannot move the survivor's file (or its own, nameless one) into place.
    /// </summary>
    [LinuxFact]
    public async Task Move_OfAHeldFile_IsRefused_AndOnlyTheCheckpointsFileMoves()
    {
        var destination = PathOf("a.bin");
        var stale = await Files.OpenTempAsync(null, Temp, expected: null, resume: false, CancellationToken.None);
        await RandomAccess.WriteAsync(stale.Handle, "complete"u8.ToArray(), 0);
        var held = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.MoveIntoPlaceAsync(null, Temp, destination, replace: true, stale.Identity, CancellationToken.None));
        Assert.Equal(TransferErrorCode.DestinationInUse, held.Code);
        Assert.True(held.IsTransient);

        var survivor = await Files.TakeOverTempAsync(null, Temp, stale.Identity, resume: true, CancellationToken.None);
        var survivorsFile = survivor.Identity;
        survivor.Dispose();
        var staleFile = stale.Identity;
        stale.Dispose();
        var other = await Assert.ThrowsAsync<OwnerFileException>(
            () => Files.MoveIntoPlaceAsync(null, Temp, destination, replace: true, staleFile, CancellationToken.None));
        Assert.Equal(TransferErrorCode.RenameFailed, other.Code);
        Assert.False(File.Exists(destination));

        await Files.MoveIntoPlaceAsync(null, Temp, destination, replace: true, survivorsFile, CancellationToken.None);
        Assert.Equal("complete", await File.ReadAllTextAsync(destination));
    }

    private async Task<FileIdentity?> GetIdentityAsync()
    {
        using var probe = await Files.OpenTempAsync(null, Temp, expected: null, resume: true, CancellationToken.None);
        return probe.Identity;
    }
}
