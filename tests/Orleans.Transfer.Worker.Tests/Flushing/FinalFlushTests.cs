using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>A finished file's final flush runs on the file flusher, and nothing reports the file before it is done.</summary>
public sealed class FinalFlushTests : WorkerTestBase
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FlushFinal_LocalFile_ReturnsOnlyAfterTheFlusherFlushedIt()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var flusher = new FileFlusher(Options.Create(new FileFlushOptions { Threads = 2 }), new TransferInstruments(services.GetRequiredService<IMeterFactory>()));
        using var sink = new GatedSink(writeBoot: "boot-a", flushesLocally: true);
        var checkpoints = Checkpoints(sink, flusher, services);

        var flushed = checkpoints.FlushFinalAsync().AsTask();

        Assert.False(flushed.IsCompleted);
        sink.Open();
        await flushed.WaitAsync(s_timeout);
        Assert.Equal(1, sink.Flushes);
        Assert.StartsWith("xfer-flush-", sink.FlushedOn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushFinal_RemoteSink_FlushesOnTheRunsThread()
    {
        // An upload's flush waits on the network: it must not hold a flusher thread that local files wait for.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var flusher = new FileFlusher(Options.Create(new FileFlushOptions { Threads = 1 }), new TransferInstruments(services.GetRequiredService<IMeterFactory>()));
        using var sink = new GatedSink(writeBoot: null);
        sink.Open();

        await Checkpoints(sink, flusher, services).FlushFinalAsync();

        Assert.Equal(1, sink.Flushes);
        Assert.DoesNotContain("xfer-flush-", sink.FlushedOn ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FlusherBusy_FileIsNotReportedCompleteBeforeItsFlush()
    {
        var file = Origin.AddGenerated("final.bin", 64 * 1024, seed: 41);
        var request = Request(Origin.UrlFor("final.bin").ToString()) with { QuietConnect = true };
        await using var services = CreateServices();
        var flusher = services.GetRequiredService<FileFlusher>();

        // Occupy every flusher thread, so the file's flush waits in the queue where the test can see it.
        using var gate = new ManualResetEventSlim();
        using var busy = new CountdownEvent(new FileFlushOptions().Threads);
        var blockers = Enumerable.Range(0, busy.InitialCount).Select(_ => flusher.FlushAsync(() =>
        {
            busy.Signal();
            gate.Wait(s_timeout);
        })).ToArray();
        Assert.True(busy.Wait(s_timeout));

        var run = services.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => flusher.Waiting == 1, s_timeout));
        Assert.False(run.Events.TryRead(out _));
        Assert.False(run.Completion.IsCompleted);

        gate.Set();
        var events = await CollectAsync(run);
        await Task.WhenAll(blockers).WaitAsync(s_timeout);
        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    private static Checkpointer Checkpoints(ITransferSink sink, FileFlusher flusher, IServiceProvider services)
    {
        var checkpoints = new Checkpointer(
            Channel.CreateUnbounded<TransferEvent>().Writer,
            sink,
            new SegmentMap([]),
            new TransferWorkerOptions(),
            new FakeTimeProvider(),
            new TransferInstruments(services.GetRequiredService<IMeterFactory>()),
            flusher);
        checkpoints.Start(0, resumed: null);
        return checkpoints;
    }
}
