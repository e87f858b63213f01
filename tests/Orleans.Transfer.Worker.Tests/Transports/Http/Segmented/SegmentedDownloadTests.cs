using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// Segmented downloads against a real origin: four connections with Range and If-Range, a validator change, a reset
/// segment, a resume from a checkpoint with segments, and the files that stay on one connection.
/// </summary>
public sealed class SegmentedDownloadTests : WorkerTestBase
{
    private const long Size = (4 * MiB) + 123;

    // Four segments of 1 MiB (the last one 123 bytes more).
    private static readonly string?[] s_fourSegments = [null, "bytes=1048576-2097151", "bytes=2097152-3145727", "bytes=3145728-4194426"];

    [Fact]
    public async Task FourSegments_ByteIdenticalWithEverySegmentCheckpointed()
    {
        var file = Origin.AddGenerated("a.bin", Size, seed: 1);
        var request = Request(Origin.UrlFor("a.bin").ToString());

        var events = await RunAsync(request, Segmented);

        var completed = AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Null(completed.Checkpoint.Segments);
        Assert.Equal(s_fourSegments, file.RangeHeaders.Order());
        var checkpoints = events.Where(e => e.Kind == TransferEventKind.Checkpoint).Select(e => e.Checkpoint).ToList();
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c =>
        {
            Assert.Equal(4, c.Segments!.Count);
            Assert.Equal(c.BytesWritten, c.Segments.Sum(s => s.Done));
        });
    }

    [Fact]
    public async Task CallerDigest_VerifiedOverTheSegments()
    {
        var file = Origin.AddGenerated("a.bin", Size, seed: 2);
        var request = Request(Origin.UrlFor("a.bin").ToString()) with { Digest = new ContentDigest(DigestAlgorithm.Sha256, file.ComputeSha256()) };

        var events = await RunAsync(request, Segmented);

        Assert.True(AssertCompleted(events).DigestVerified);
        Assert.Equal(4, file.Requests);
    }

    [Fact]
    public async Task CallerDigestWrong_DownloadedTwiceOverTheSegmentsThenFails()
    {
        var file = Origin.AddGenerated("m.bin", Size, seed: 10);
        var request = Request(Origin.UrlFor("m.bin").ToString()) with { Digest = new ContentDigest(DigestAlgorithm.Sha256, new string('0', 64)) };

        var events = await RunAsync(request, Segmented);

        Assert.Equal(TransferErrorCode.ContentDigestMismatch, AssertFailed(events).Code);
        Assert.Equal(8, file.Requests);
        Assert.Equal(2, file.RangeHeaders.Count(h => h is null));
    }

    [Fact]
    public async Task ValidatorChangesMidway_RestartsTheFileWithTheNewContent()
    {
        var file = Origin.AddGenerated("c.bin", Size, seed: 3);
        file.DropRangeAfter(2 * MiB, 256 * 1024, onDrop: () => file.ChangeContent(Size + 1000, seed: 4));
        var request = Request(Origin.UrlFor("c.bin").ToString());

        var events = await RunAsync(request, Segmented);

        var completed = AssertCompleted(events);
        Assert.Equal(Size + 1000, completed.Checkpoint.BytesWritten);
        Assert.Equal(GeneratedContent.ComputeSha256(Size + 1000, seed: 4), Sha256Of(request.TempPath));
        Assert.Equal(file.ETag, completed.Checkpoint.ETag);
        Assert.Equal(2, events.Count(e => e.Kind == TransferEventKind.Connected && e.Checkpoint.BytesWritten == 0));
        Assert.Equal(2, file.RangeHeaders.Count(h => h is null));
    }

    [Fact]
    public async Task OneSegmentReset_RetriesThatSegmentAloneAndStaysByteIdentical()
    {
        var file = Origin.AddGenerated("d.bin", Size, seed: 5);
        file.DropRangeAfter(2 * MiB, 300 * 1024);
        var request = Request(Origin.UrlFor("d.bin").ToString());

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        var headers = file.RangeHeaders;
        Assert.Equal(5, headers.Count);
        Assert.Single(headers, h => h is null);
        Assert.Single(headers, h => h == s_fourSegments[1]);
        Assert.Single(headers, h => h == s_fourSegments[3]);

        // Segment 2 twice: its first request, then the retry for its rest only, from the bytes it kept. A reset can
        // discard what the socket had received and not yet read, so the retry may start at the segment's start.
        var segmentTwo = headers.Where(h => h is not null && h.EndsWith("-3145727", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, segmentTwo.Count);
        Assert.Equal(s_fourSegments[2], segmentTwo[0]);
        var retry = segmentTwo[1]!;
        var from = long.Parse(retry["bytes=".Length..retry.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, 2 * MiB, (2 * MiB) + (300 * 1024));
    }

    [Fact]
    public async Task CancelledMidway_NewRunResumesEverySegmentFromItsCheckpoint()
    {
        var file = Origin.AddGenerated("r.bin", Size, seed: 6);
        file.ThrottleBytesPerSecond = MiB;
        var request = Request(Origin.UrlFor("r.bin").ToString());

        // The first run goes until a checkpoint holds bytes of every segment, then "crashes" (is cancelled).
        FileCheckpoint checkpoint;
        await using (var services = CreateServices(Segmented))
        {
            using var cancel = new CancellationTokenSource();
            var run = services.GetRequiredService<ITransferWorker>().Start(request, cancel.Token);
            checkpoint = await FirstCheckpointAsync(run, c => c.Segments is { } s && s.All(x => x.Done >= 256 * 1024));
            await cancel.CancelAsync();
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }

        file.ThrottleBytesPerSecond = 0;
        var before = file.RangeHeaders.Count;
        var events = await RunAsync(request with { Checkpoint = checkpoint }, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        var resumed = file.RangeHeaders.Skip(before).Order().ToList();
        var expected = checkpoint.Segments!.Where(s => s.Done < s.Length)
            .Select(s => (string?)$"bytes={s.DoneEnd}-{s.Offset + s.Length - 1}").Order().ToList();
        Assert.Equal(expected, resumed);
        Assert.Equal(checkpoint.BytesWritten, events[0].Checkpoint.BytesWritten);
    }

    [Fact]
    public async Task WeakETag_StaysOnOneConnection()
    {
        var file = Origin.AddGenerated("w.bin", Size, seed: 7);
        file.SetHeader("ETag", "W/\"weak\"");
        var request = Request(Origin.UrlFor("w.bin").ToString());

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal([null], file.RangeHeaders);
        Assert.All(events, e => Assert.Null(e.Checkpoint.Segments));
    }

    [Fact]
    public async Task JobAsksForOneConnection_StaysOnOne()
    {
        var file = Origin.AddGenerated("o.bin", Size, seed: 8);
        var request = Request(Origin.UrlFor("o.bin").ToString()) with { Http = new HttpTransferOptions { Segments = 1 } };

        var events = await RunAsync(request, Segmented);

        AssertCompleted(events);
        Assert.Equal([null], file.RangeHeaders);
    }

    [Fact]
    public async Task SmallerThanTwoSegments_StaysOnOneConnection()
    {
        var file = Origin.AddGenerated("s.bin", MiB + 1, seed: 9);

        var events = await RunAsync(Request(Origin.UrlFor("s.bin").ToString()), Segmented);

        AssertCompleted(events);
        Assert.Equal([null], file.RangeHeaders);
    }

    private static void Segmented(TransferWorkerOptions options)
    {
        options.Segments = 4;
        options.MinSegmentBytes = MiB;
    }

    private static async Task<FileCheckpoint> FirstCheckpointAsync(TransferRun run, Func<FileCheckpoint, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            if (item.Kind == TransferEventKind.Checkpoint && predicate(item.Checkpoint))
            {
                return item.Checkpoint;
            }
        }

        throw new InvalidOperationException("The run ended before such a checkpoint.");
    }
}
