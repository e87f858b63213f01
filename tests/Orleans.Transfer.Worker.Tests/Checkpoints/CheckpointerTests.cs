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

    public void Dispose() => _services.Dispose();

    private Checkpointer Start(ITransferSink sink)
    {
        var checkpoints = new Checkpointer(
            _events.Writer,
            sink,
            new SegmentMap([]),
            _options,
            new FakeTimeProvider(),
            new TransferInstruments(_services.GetRequiredService<IMeterFactory>()));
        checkpoints.Start(0, resumed: null);
        return checkpoints;
    }
}
