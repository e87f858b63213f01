using System.Runtime.Versioning;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>Local sources (file URLs, absolute paths): regular files only, opened with the owner's rights.</summary>
[SupportedOSPlatform("linux")]
public sealed class SourceFileTests : OwnerFilesFixture
{
    [LinuxFact]
    public async Task Start_FifoSource_FailsAtOnceWithSourceNotRegularFile_WithoutWaitingForAWriter()
    {
        var fifo = PathOf("pipe");
        await RunAsync("mkfifo", fifo);

        var failure = await FailureOfAsync(fifo);

        Assert.Equal(TransferErrorCode.SourceNotRegularFile, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains("FIFO", failure.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Start_FifoSource_Cancelled_Ends()
    {
        var fifo = PathOf("pipe");
        await RunAsync("mkfifo", fifo);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var events = await WorkerRun.RunAsync(Request(fifo), cancel.Token);

        Assert.DoesNotContain(events, e => e.Kind == TransferEventKind.Completed);
    }

    [LinuxFact]
    public async Task Start_DeviceSource_IsRefused()
    {
        var failure = await FailureOfAsync("/dev/zero");

        Assert.Equal(TransferErrorCode.SourceNotRegularFile, failure.Code);
        Assert.Contains("character device", failure.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Start_DirectorySource_IsRefused()
    {
        var failure = await FailureOfAsync(Directory.CreateDirectory(PathOf("dir")).FullName);

        Assert.Equal(TransferErrorCode.SourceNotRegularFile, failure.Code);
    }

    [LinuxFact]
    public async Task OpenSource_ASymbolicLinkToARegularFile_IsFollowed()
    {
        var target = Write("target", "content");
        File.CreateSymbolicLink(PathOf("link"), target);

        using var source = await Files.OpenSourceAsync(null, PathOf("link"), CancellationToken.None);

        Assert.Equal(7, source.Size);
    }

    [LinuxRootFact]
    public async Task Start_ASourceOnlyRootMayRead_ForAnotherOwner_IsAccessDenied()
    {
        var secret = Write("secret", "root only", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var failure = await FailureOfAsync(secret, NobodyOwner, tempDirectory: Path.GetTempPath());

        Assert.Equal(TransferErrorCode.AccessDenied, failure.Code);
        Assert.Contains(secret, failure.Message, StringComparison.Ordinal);
    }

    private FileTransferRequest Request(string source, string? owner = null, string? tempDirectory = null) => new(
        Guid.NewGuid(),
        0,
        new Uri(source).AbsoluteUri,
        Path.Combine(tempDirectory ?? Scratch, $".copy.{Guid.NewGuid():N}.tmp"),
        [],
        FileCheckpoint.Empty,
        Owner: owner);

    private async Task<TransferFailure> FailureOfAsync(string source, string? owner = null, string? tempDirectory = null)
    {
        var events = await WorkerRun.RunAsync(Request(source, owner, tempDirectory));
        var failed = Assert.Single(events);
        Assert.Equal(TransferEventKind.Failed, failed.Kind);
        return failed.Failure!;
    }
}
