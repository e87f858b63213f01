using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>What the read loop does when a checkpoint falls due while the previous checkpoint's flush still runs.</summary>
public sealed class CheckpointerTests : IDisposable
{
    private const long Every = 8;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Channel<TransferEvent> _events = Channel.CreateUnbounded<TransferEvent>();
    private readonly TransferWorkerOptions _options = new() { CheckpointBytes = Every, CheckpointInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task MaybeCheckpoint_FlushRunningAndBytesSurviveACrash_GoesOnUntilFourCheckpointsArePastIt()
    {
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);

        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        Assert.True(checkpoints.MaybeCheckpointAsync(2 * Every, CancellationToken.None).AsTask().IsCompleted);
        Assert.True(checkpoints.MaybeCheckpointAsync(5 * Every - 1, CancellationToken.None).AsTask().IsCompleted);

        // Nothing is reported before its flush is done: a checkpoint never runs ahead of the durable bytes.
        Assert.False(_events.Reader.TryRead(out _));
        var waiting = checkpoints.MaybeCheckpointAsync(5 * Every, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        sink.Open();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(_events.Reader.TryRead(out var reported));
        Assert.Equal(Every, reported.Checkpoint.BytesWritten);
        await checkpoints.ReportPendingAsync(CancellationToken.None);
        Assert.True(_events.Reader.TryRead(out var next));
        Assert.Equal(5 * Every, next.Checkpoint.BytesWritten);
    }

    [Fact]
    public async Task MaybeCheckpoint_DeferredCheckpoint_IsTakenOnceTheRunningFlushIsDone()
    {
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);

        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        await checkpoints.MaybeCheckpointAsync(2 * Every, CancellationToken.None);
        sink.Open();
        await checkpoints.ReportPendingAsync(CancellationToken.None);
        Assert.True(_events.Reader.TryRead(out var first));
        Assert.Equal(Every, first.Checkpoint.BytesWritten);

        // The checkpoint deferred at 2 x Every is still due: the next write's check takes it at once.
        await checkpoints.MaybeCheckpointAsync(2 * Every + 1, CancellationToken.None);
        await checkpoints.ReportPendingAsync(CancellationToken.None);
        Assert.True(_events.Reader.TryRead(out var second));
        Assert.Equal(2 * Every + 1, second.Checkpoint.BytesWritten);
        Assert.Equal(2, sink.Flushes);
    }

    [Fact]
    public async Task MaybeCheckpoint_FlushRunningAndBytesLostInACrash_WaitsForIt()
    {
        using var sink = new GatedSink(writeBoot: null);
        var checkpoints = Start(sink);

        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        var waiting = checkpoints.MaybeCheckpointAsync(2 * Every, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        sink.Open();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(_events.Reader.TryRead(out var reported));
        Assert.Equal(Every, reported.Checkpoint.BytesWritten);
    }

    [Fact]
    public async Task MaybeCheckpoint_FlushRunningOnASegmentedFile_WaitsForIt()
    {
        // A segmented file resumes from its segments' checkpoint only, whatever this boot wrote past it.
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);
        checkpoints.Parallel = new ParallelSegments([new FileSegment(0, 100 * Every, 0)]);

        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        var waiting = checkpoints.MaybeCheckpointAsync(2 * Every, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        sink.Open();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_events.Reader.TryRead(out _));
    }

    [Fact]
    public async Task KeepOnFailure_AfterADeferredCheckpoint_ReportsEveryByteWrittenAsDurable()
    {
        // A failure (other than TooLarge, which deletes the file) flushes what was written: nothing deferred is lost.
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);
        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        await checkpoints.MaybeCheckpointAsync(2 * Every, CancellationToken.None);
        sink.Open();

        Assert.Equal((2 * Every) + 3, checkpoints.KeepOnFailure((2 * Every) + 3).BytesWritten);
    }

    /// <summary>
    /// Adds: a stopped run hands over the checkpoint whose background flush finished, which only the run's next write
    /// would have reported; once, and without writing it itself.
    /// </summary>
    [Fact]
    public async Task Stopped_FlushDone_HandsOverItsCheckpoint()
    {
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);
        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        sink.Open();

        var stopped = await checkpoints.StoppedAsync();

        Assert.Equal((TransferEventKind.Checkpoint, Every), (stopped?.Kind, stopped?.Checkpoint.BytesWritten));
        Assert.False(_events.Reader.TryRead(out _));
        Assert.Null(await checkpoints.StoppedAsync());
    }

    /// <summary>
    /// Adds: a flush still running at the stop is waited for, as closing the sink waits for it anyway, and its
    /// checkpoint handed over only once it is done: never ahead of the durable bytes.
    /// </summary>
    [Fact]
    public async Task Stopped_FlushRunning_HandsOverNothingBeforeItIsDone()
    {
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink);
        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);

        var stopping = checkpoints.StoppedAsync().AsTask();

        Assert.False(stopping.IsCompleted);
        sink.Open();
        var stopped = await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Every, stopped?.Checkpoint.BytesWritten);
    }

    /// <summary>Adds: a flush that failed is not handed over, as its bytes may not be on disk; the last checkpoint stays.</summary>
    [Fact]
    public async Task Stopped_FlushFailed_HandsOverNothing()
    {
        using var sink = new GatedSink(writeBoot: "boot-a") { FlushFailure = new IOException("Input/output error") };
        var checkpoints = Start(sink);
        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        sink.Open();

        Assert.Null(await checkpoints.StoppedAsync());
        Assert.Equal(0L, checkpoints.Current.BytesWritten);
    }

    /// <summary>
    /// Adds: a durable checkpoint whose report the stop cancelled (the job was not reading and the channel was full) is
    /// handed over too.
    /// </summary>
    [Fact]
    public async Task Stopped_WhileItsReportWaitedForTheJob_HandsItOver()
    {
        var full = Channel.CreateBounded<TransferEvent>(1);
        Assert.True(full.Writer.TryWrite(new TransferEvent(TransferEventKind.Connected, FileCheckpoint.Empty)));
        using var sink = new GatedSink(writeBoot: "boot-a");
        var checkpoints = Start(sink, full.Writer);
        await checkpoints.MaybeCheckpointAsync(Every, CancellationToken.None);
        sink.Open();
        using var stop = new CancellationTokenSource();
        var reporting = checkpoints.ReportPendingAsync(stop.Token).AsTask();

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reporting);
        var stopped = await checkpoints.StoppedAsync();

        Assert.Equal(Every, stopped?.Checkpoint.BytesWritten);
    }

    public void Dispose() => _services.Dispose();

    private Checkpointer Start(ITransferSink sink, ChannelWriter<TransferEvent>? events = null)
    {
        var checkpoints = new Checkpointer(
            events ?? _events.Writer,
            sink,
            new SegmentMap([]),
            _options,
            new FakeTimeProvider(),
            new TransferInstruments(_services.GetRequiredService<IMeterFactory>()));
        checkpoints.Start(0, resumed: null);
        return checkpoints;
    }
}
