using System.Runtime.Versioning;
using Orleans.Transfer.Worker.Tests.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.WriteBack;

/// <summary>The temp file starts the write-back of each write at once; the advice never changes the bytes or the flushes.</summary>
[SupportedOSPlatform("linux")]
public sealed class WriteBackTests : OwnerFilesFixture
{
    private const string Why = "sync_file_range is a Linux call";

    [LinuxFact(Why)]
    public async Task Write_StartsTheWriteBackOfExactlyTheBytesWritten()
    {
        var writeBack = new RecordingWriteBack();
        using var sink = new TempFileSink(Files, Request(), currentBoot: null, writeBack);
        await sink.OpenAsync(0, CancellationToken.None);

        await sink.WriteAsync("hello"u8.ToArray(), 0, CancellationToken.None);
        await sink.WriteAsync("world!"u8.ToArray(), 5, CancellationToken.None);
        sink.Flush();

        Assert.Equal([(0L, 5L), (5L, 6L)], writeBack.Started);
        Assert.Equal("helloworld!", await File.ReadAllTextAsync(PathOf(".a.bin.xfer.tmp")));
    }

    [LinuxFact(Why)]
    public async Task Write_Cancelled_WritesNothingAndStartsNothing()
    {
        var writeBack = new RecordingWriteBack();
        using var sink = new TempFileSink(Files, Request(), currentBoot: null, writeBack);
        await sink.OpenAsync(0, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sink.WriteAsync("hello"u8.ToArray(), 0, new CancellationToken(canceled: true)).AsTask());

        Assert.Empty(writeBack.Started);
    }

    [LinuxFact(Why)]
    public void ForThisPlatform_OnLinux_IsSyncFileRange() => Assert.IsType<LinuxWriteBack>(IWriteBack.ForThisPlatform);

    [LinuxFact(Why)]
    public void LinuxWriteBack_LeavesTheBytesAsWritten_AndIgnoresARefusal()
    {
        var path = PathOf("plain.bin");
        var bytes = Enumerable.Range(0, 3 * 4096 + 17).Select(i => (byte)i).ToArray();
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            RandomAccess.Write(handle, bytes, 0);
            var writeBack = new LinuxWriteBack();
            writeBack.Start(handle, 0, bytes.Length);
            writeBack.Start(handle, 4096, 0);

            // EINVAL (a negative offset): advice the kernel refuses changes nothing and throws nothing.
            writeBack.Start(handle, -1, 10);
            RandomAccess.FlushToDisk(handle);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    private FileTransferRequest Request() => new(
        Guid.NewGuid(), 0, "http://127.0.0.1/a.bin", PathOf(".a.bin.xfer.tmp"), [], FileCheckpoint.Empty);
}
