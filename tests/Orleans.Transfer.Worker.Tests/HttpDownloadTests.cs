using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Worker.Tests.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests;

public sealed class HttpDownloadTests : WorkerTestBase
{
    [Fact]
    public async Task Start_WholeFile_ByteIdenticalWithCheckpointsInOrderAtEachThresholdOrDeferred()
    {
        var file = Origin.AddGenerated("a.bin", (5 * MiB) + 123, seed: 1);
        var request = Request(Origin.UrlFor("a.bin").ToString());

        // Frozen time: checkpoints come from the byte threshold alone.
        var events = await RunAsync(request, time: new FakeTimeProvider());

        var completed = AssertCompleted(events);
        Assert.Equal(file.Length, completed.Checkpoint.BytesWritten);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(TransferEventKind.Connected, events[0].Kind);
        Assert.Equal(file.ETag, events[0].Checkpoint.ETag);
        Assert.False(events[0].Checkpoint.RangeUnsupported);
        var checkpoints = events.Where(e => e.Kind == TransferEventKind.Checkpoint).Select(e => e.Checkpoint.BytesWritten).ToList();

        // A checkpoint falls due every threshold (WorkerTestBase: 512 KiB, 256 KiB buffer); one due while the previous
        // flush runs is taken at the first write after it, at most four thresholds (and one write) past it. In order,
        // within the file.
        const long threshold = 512 * 1024;
        const long buffer = 256 * 1024;
        Assert.NotEmpty(checkpoints);
        long previous = 0;
        foreach (var bytes in checkpoints)
        {
            Assert.InRange(bytes - previous, threshold, (4 * threshold) + buffer - 1);
            previous = bytes;
        }

        Assert.InRange(previous, threshold, file.Length);
        Assert.Equal([null], file.RangeHeaders);
    }

    [Fact]
    public async Task Start_ResumeFromCheckpoint_TruncatesAndFetchesOnlyMissingBytes()
    {
        var file = Origin.AddGenerated("r.bin", 4 * MiB, seed: 2);
        var request = Request(
            Origin.UrlFor("r.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(["bytes=1048576-"], file.RangeHeaders);
        Assert.Equal(3 * MiB, file.BodyBytesSent);
        Assert.Equal(MiB, events[0].Checkpoint.BytesWritten);
    }

    [LinuxFact("boot ids come from Linux (/proc/sys/kernel/random/boot_id); elsewhere only flushed bytes are kept")]
    public async Task Start_ResumeInTheBootThatWroteTheBytes_KeepsBytesPastTheCheckpoint()
    {
        var file = Origin.AddGenerated("k.bin", 4 * MiB, seed: 12);
        var request = Request(
            Origin.UrlFor("k.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false, WrittenInBoot: BootIdentity.Current));
        WritePartial(request.TempPath, file, 3 * MiB, junk: 0);

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(["bytes=3145728-"], file.RangeHeaders);
        Assert.Equal(MiB, file.BodyBytesSent);
        Assert.Equal(3 * MiB, events[0].Checkpoint.BytesWritten);
        Assert.Equal(BootIdentity.Current, completed.Checkpoint.WrittenInBoot);
    }

    [Fact]
    public async Task Start_ResumeAfterTheMachineRestarted_TruncatesToTheCheckpoint()
    {
        var file = Origin.AddGenerated("t.bin", 4 * MiB, seed: 13);
        var request = Request(
            Origin.UrlFor("t.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false, WrittenInBoot: "an-earlier-boot"));
        WritePartial(request.TempPath, file, 3 * MiB);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(["bytes=1048576-"], file.RangeHeaders);
        Assert.Equal(3 * MiB, file.BodyBytesSent);
    }

    [Fact]
    public async Task Start_ConnectionDroppedMidBody_RetriesWithRangeAndKeepsData()
    {
        var file = Origin.AddGenerated("d.bin", 4 * MiB, seed: 3);
        file.DropConnectionAfter((3 * MiB) / 2);
        var request = Request(Origin.UrlFor("d.bin").ToString());

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(2, file.Requests);
        Assert.StartsWith("bytes=", file.RangeHeaders[1]);
        Assert.NotEqual("bytes=0-", file.RangeHeaders[1]);
        Assert.Single(events, e => e.Kind == TransferEventKind.Connected && e.Checkpoint.BytesWritten == 0);
        Assert.True(file.BodyBytesSent < file.Length + (3 * MiB / 2), $"refetched too much: {file.BodyBytesSent}");
    }

    [Fact]
    public async Task Start_ContentChangedMidDownload_RestartsWithNewContent()
    {
        var file = Origin.AddGenerated("c.bin", 4 * MiB, seed: 4);
        file.DropConnectionAfter(MiB, onDrop: () => file.ChangeContent(3 * MiB, seed: 5));
        var request = Request(Origin.UrlFor("c.bin").ToString());

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal(3 * MiB, completed.Checkpoint.BytesWritten);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(file.ETag, completed.Checkpoint.ETag);
        Assert.Equal(2, events.Count(e => e.Kind == TransferEventKind.Connected && e.Checkpoint.BytesWritten == 0));
    }

    [Fact]
    public async Task Start_ContentChangedBetweenRuns_RestartsFromZero()
    {
        var file = Origin.AddGenerated("cc.bin", 2 * MiB, seed: 6);
        var request = Request(
            Origin.UrlFor("cc.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB);
        file.ChangeContent(2 * MiB, seed: 7);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(0, events[0].Checkpoint.BytesWritten);
        Assert.Equal(2 * MiB, file.BodyBytesSent);
    }

    [Fact]
    public async Task Start_ServerIgnoresRange_RestartsWithNoteAndRangeUnsupported()
    {
        var file = Origin.AddGenerated("i.bin", 2 * MiB, seed: 8);
        file.IgnoreRange = true;
        var request = Request(
            Origin.UrlFor("i.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.True(completed.Checkpoint.RangeUnsupported);
        Assert.Equal(0, events[0].Checkpoint.BytesWritten);
        Assert.True(events[0].Checkpoint.RangeUnsupported);
        Assert.Contains("ignores Range", events[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoContentLength_DownloadsWithUnknownTotalUntilDone()
    {
        var file = Origin.AddGenerated("n.bin", (3 * MiB) + 7, seed: 9);
        file.OmitContentLength = true;
        var request = Request(Origin.UrlFor("n.bin").ToString());

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal(file.Length, completed.Checkpoint.BytesTotal);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Null(events[0].Checkpoint.BytesTotal);
        Assert.True(events[0].Checkpoint.RangeUnsupported);
    }

    [Fact]
    public async Task Start_TempFileShorterThanCheckpoint_RestartsFromZero()
    {
        var file = Origin.AddGenerated("s.bin", 2 * MiB, seed: 10);
        var request = Request(
            Origin.UrlFor("s.bin").ToString(),
            new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, 1000, junk: 0);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(FileCheckpoint.Empty with { BytesTotal = file.Length, ETag = file.ETag, LastModified = events[0].Checkpoint.LastModified, TempFile = events[0].Checkpoint.TempFile, WrittenInBoot = events[0].Checkpoint.WrittenInBoot }, events[0].Checkpoint);
        Assert.NotNull(events[0].Checkpoint.TempFile);
        Assert.Equal([null], file.RangeHeaders);
    }

    [Fact]
    public async Task Start_Cancelled_CompletionCompletesAndFileIsClosed()
    {
        var file = Origin.AddGenerated("t.bin", 64 * MiB, seed: 11);
        file.ThrottleBytesPerSecond = 4 * MiB;
        var request = Request(Origin.UrlFor("t.bin").ToString());
        await using var services = CreateServices();
        using var cancellation = new CancellationTokenSource();
        var run = services.GetRequiredService<ITransferWorker>().Start(request, cancellation.Token);

        var connected = await run.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var checkpoint = await run.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TransferEventKind.Connected, connected.Kind);
        Assert.Equal(TransferEventKind.Checkpoint, checkpoint.Kind);
        Assert.True(run.LiveBytes < file.Length);
        using (new FileStream(request.TempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // Opening exclusively proves the worker closed its handle.
        }

        File.Delete(request.TempPath);
    }

    [Fact]
    public async Task Start_Redirect_FollowsAndDownloads()
    {
        var file = Origin.AddGenerated("target.bin", MiB, seed: 12);
        Origin.AddRedirect("moved.bin", "target.bin");
        var request = Request(Origin.UrlFor("moved.bin").ToString());

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }
}
