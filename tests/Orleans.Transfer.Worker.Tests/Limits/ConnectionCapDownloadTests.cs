using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The job's cap on connections to one server in real downloads from a real origin: files of one job in flight,
/// segments (fresh and resumed from a checkpoint), a redirect to another server and a cancelled run.
/// </summary>
public sealed class ConnectionCapDownloadTests : WorkerTestBase
{
    private const long Large = (4 * MiB) + 123;

    [Fact]
    public async Task ManyFilesOfOneJob_NeverMoreRequestsAtOnceThanTheCap()
    {
        var cap = new ServerConnectionCap(2);
        var files = Enumerable.Range(0, 8).Select(i => Origin.AddGenerated($"f{i}.bin", 256 * 1024, seed: i + 1)).ToList();

        // Slow bodies, so that the eight runs would overlap without the cap.
        files.ForEach(f => f.ThrottleBytesPerSecond = 4 * MiB);
        await using var services = CreateServices();
        var worker = services.GetRequiredService<ITransferWorker>();
        var jobId = Guid.NewGuid();
        var runs = files.Select((f, i) => worker.Start(
            Request(Origin.UrlFor(f.Name).ToString(), tempName: $"f{i}.tmp") with { JobId = jobId, FileIndex = i, Connections = cap, SingleConnection = true },
            CancellationToken.None)).ToList();

        foreach (var run in runs)
        {
            AssertCompleted(await CollectAsync(run));
            await run.Completion;
        }

        Assert.InRange(Origin.PeakConcurrentRequests, 1, 2);
        Assert.All(files, f => Assert.Equal(1, f.Requests));
    }

    [Fact]
    public async Task CapBelowTheSegments_SplitsIntoNoMoreSegmentsThanTheCap()
    {
        var file = Origin.AddGenerated("a.bin", Large, seed: 1);
        var request = Request(Origin.UrlFor("a.bin").ToString()) with { Connections = new ServerConnectionCap(2) };

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(2, file.Requests);
        Assert.InRange(Origin.PeakConcurrentRequests, 1, 2);
    }

    [Fact]
    public async Task OtherConnectionsOfTheJobHoldSlots_TheSplitTakesOnlyTheFreeOnes()
    {
        var file = Origin.AddGenerated("a.bin", Large, seed: 2);
        var cap = new ServerConnectionCap(4);
        using var others = new ServerConnectionSlots(cap);
        await others.HoldAsync(Origin.BaseAddress, CancellationToken.None);
        Assert.Equal(1, others.TryAddMore(1));
        var request = Request(Origin.UrlFor("a.bin").ToString()) with { Connections = cap };

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(2, file.Requests);
    }

    [Fact]
    public async Task RedirectToAnotherServer_WaitsForThatServersSlot_WithTheFirstServersFree()
    {
        // localhost and 127.0.0.1 are two servers to the cap: the file's URL names one, its redirect the other.
        var target = Origin.AddGenerated("b.bin", 64 * 1024, seed: 3);
        Origin.AddRedirect("a.bin", "b.bin");
        var first = new UriBuilder(Origin.UrlFor("a.bin")) { Host = "localhost" }.Uri;
        var cap = new ServerConnectionCap(1);
        using var blocker = new ServerConnectionSlots(cap);
        await blocker.HoldAsync(Origin.BaseAddress, CancellationToken.None);
        await using var services = CreateServices();
        var run = services.GetRequiredService<ITransferWorker>().Start(Request(first.ToString()) with { Connections = cap }, CancellationToken.None);

        // The first server's slot is free while the run waits for the redirect target's (or before the run takes it).
        using (var onFirst = new ServerConnectionSlots(cap))
        {
            await onFirst.HoldAsync(first, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, target.Requests);

        blocker.Release();
        AssertCompleted(await CollectAsync(run));
        await run.Completion;
        Assert.Equal(1, target.Requests);
    }

    [Fact]
    public async Task CancelledRun_GivesItsSlotBack()
    {
        var file = Origin.AddGenerated("s.bin", MiB, seed: 4);
        file.StallAfter(64 * 1024);
        var cap = new ServerConnectionCap(1);
        await using var services = CreateServices();
        using var stop = new CancellationTokenSource();
        var run = services.GetRequiredService<ITransferWorker>().Start(Request(Origin.UrlFor("s.bin").ToString()) with { Connections = cap }, stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Connected comes with the response's headers: the run holds the server's only slot from then on.
        Assert.True(await run.Events.WaitToReadAsync(timeout.Token));
        Assert.True(run.Events.TryRead(out var connected) && connected.Kind == TransferEventKind.Connected);
        using var waiting = new ServerConnectionSlots(cap);
        var next = waiting.HoldAsync(Origin.BaseAddress, CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);

        await stop.CancelAsync();
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, waiting.Count);
    }

    [Fact]
    public async Task ResumedSegmentedFile_OtherFilesHoldAllButOneSlot_OneSegmentAtATimeAndNoByteTwice()
    {
        var file = Origin.AddGenerated("r.bin", Large, seed: 5);
        var cap = new ServerConnectionCap(4);
        using var others = new ServerConnectionSlots(cap);
        await others.HoldAsync(Origin.BaseAddress, CancellationToken.None);
        Assert.Equal(2, others.TryAddMore(2));
        var request = Request(Origin.UrlFor("r.bin").ToString(), InterruptedInFourSegments(file)) with { Connections = cap };
        WriteDurableSegments(request, file);

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(1, Origin.PeakConcurrentRequests);
        Assert.Equal(MissingRanges(request.Checkpoint), file.RangeHeaders.Order());
        Assert.Equal(Large - request.Checkpoint.BytesWritten, file.BodyBytesSent);
        Assert.Equal(request.Checkpoint.BytesWritten, events[0].Checkpoint.BytesWritten);
        Assert.Equal(3, others.Count);
        Assert.Equal(1, cap.SlotsOf(ServerConnectionCap.ServerOf(Origin.BaseAddress)).CurrentCount);
    }

    [Fact]
    public async Task ResumedSegmentedFile_SlotsFreedWhileItRuns_TakesThemForTheWaitingSegments()
    {
        var file = Origin.AddGenerated("r.bin", Large, seed: 6);

        // Slow bodies, so that the segments still waiting when the slots come free overlap once started.
        file.ThrottleBytesPerSecond = MiB;
        var cap = new ServerConnectionCap(4);
        using var others = new ServerConnectionSlots(cap);
        await others.HoldAsync(Origin.BaseAddress, CancellationToken.None);
        Assert.Equal(2, others.TryAddMore(2));

        // The job's other files end as the resumed file's first segment does.
        file.AfterNextFullBody(others.Release);
        var request = Request(Origin.UrlFor("r.bin").ToString(), InterruptedInFourSegments(file)) with { Connections = cap };
        WriteDurableSegments(request, file);

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.InRange(Origin.PeakConcurrentRequests, 2, 4);
        Assert.Equal(MissingRanges(request.Checkpoint), file.RangeHeaders.Order());
        Assert.Equal(Large - request.Checkpoint.BytesWritten, file.BodyBytesSent);
    }

    /// <summary>A checkpoint of <paramref name="file"/> planned in four segments, each with some of its bytes durable.</summary>
    private static FileCheckpoint InterruptedInFourSegments(OriginFile file)
    {
        long[] done = [256 * 1024, 128 * 1024, 64 * 1024, 512 * 1024];
        var segments = done.Select((d, i) => new FileSegment(i * MiB, i == 3 ? Large - (3 * MiB) : MiB, d)).ToList();
        return new FileCheckpoint(done.Sum(), Large, file.ETag, null, false, Segments: segments);
    }

    /// <summary>The temp file a crash leaves: every segment's durable bytes, junk between them.</summary>
    private static void WriteDurableSegments(FileTransferRequest request, OriginFile file)
    {
        var segments = request.Checkpoint.Segments!;
        var bytes = new byte[segments.Max(s => s.DoneEnd)];
        Array.Fill(bytes, (byte)0xA5);
        foreach (var segment in segments)
        {
            file.Read(segment.Offset, (int)segment.Done).CopyTo(bytes, segment.Offset);
        }

        File.WriteAllBytes(request.TempPath, bytes);
    }

    private static List<string?> MissingRanges(FileCheckpoint checkpoint) =>
        [.. checkpoint.Segments!.Select(s => (string?)$"bytes={s.DoneEnd}-{s.Offset + s.Length - 1}").Order()];

    private static void Segmented(TransferWorkerOptions options)
    {
        options.Segments = 4;
        options.MinSegmentBytes = MiB;
    }
}
