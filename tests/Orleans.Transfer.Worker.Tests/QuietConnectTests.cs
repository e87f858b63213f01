using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// FileTransferRequest.QuietConnect: a download from zero of a job that already reports Transferring sends no Connected
/// event; what that event would carry comes with the file's next one.
/// </summary>
public sealed class QuietConnectTests : WorkerTestBase
{
    [Fact]
    public async Task Start_QuietSmallFile_OnlyCompletedWithTheRemoteFacts()
    {
        var file = Origin.AddGenerated("q.bin", 64 * 1024, seed: 31);
        var request = Request(Origin.UrlFor("q.bin").ToString()) with { QuietConnect = true };

        var events = await RunAsync(request);

        var completed = Assert.Single(events);
        Assert.Equal(TransferEventKind.Completed, completed.Kind);
        Assert.Equal(file.Length, completed.Checkpoint.BytesWritten);
        Assert.Equal(file.Length, completed.Checkpoint.BytesTotal);
        Assert.Equal(file.ETag, completed.Checkpoint.ETag);
        Assert.NotNull(completed.Checkpoint.TempFile);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    [Fact]
    public async Task Start_QuietWithoutLength_CompletedCarriesTheConnectNote()
    {
        var file = Origin.AddGenerated("ql.bin", 100_000, seed: 32);
        file.OmitContentLength = true;
        var request = Request(Origin.UrlFor("ql.bin").ToString()) with { QuietConnect = true };

        var events = await RunAsync(request);

        var completed = Assert.Single(events);
        Assert.Equal(TransferEventKind.Completed, completed.Kind);
        Assert.True(completed.Checkpoint.RangeUnsupported);
        Assert.Contains("ignores Range", completed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_QuietLargeFile_FirstCheckpointCarriesTheRemoteFacts()
    {
        var file = Origin.AddGenerated("qb.bin", 3 * MiB, seed: 33);
        var request = Request(Origin.UrlFor("qb.bin").ToString()) with { QuietConnect = true };

        var events = await RunAsync(request, time: new FakeTimeProvider());

        AssertCompleted(events);
        Assert.DoesNotContain(events, e => e.Kind == TransferEventKind.Connected);
        Assert.Equal(TransferEventKind.Checkpoint, events[0].Kind);
        Assert.Equal(file.ETag, events[0].Checkpoint.ETag);
        Assert.Equal(file.Length, events[0].Checkpoint.BytesTotal);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    [Fact]
    public async Task Start_QuietResume_StillReportsConnectedWithTheKeptBytes()
    {
        var file = Origin.AddGenerated("qr.bin", 2 * MiB, seed: 34);
        var request = Request(
            Origin.UrlFor("qr.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false)) with { QuietConnect = true };
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(TransferEventKind.Connected, events[0].Kind);
        Assert.Equal(MiB, events[0].Checkpoint.BytesWritten);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }
}
