using System.Diagnostics;
using System.Runtime.Versioning;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>
/// Never two writers on one temporary file: the writer that opened it holds an exclusive flock until it closes it, and
/// a second open (a duplicate in this process, a stale activation in another) is refused, transient, without a byte lost.
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
}
