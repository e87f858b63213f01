using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The silo's file flusher: finished files' fsyncs on its own threads, at once, never dropped.</summary>
public sealed class FileFlusherTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task FlushAsync_GatedFlush_EndsOnlyAfterTheFlushReturnedOnAFlusherThread()
    {
        using var flusher = Flusher(threads: 2);
        using var gate = new ManualResetEventSlim();
        string? thread = null;

        var flushed = flusher.FlushAsync(() =>
        {
            gate.Wait(s_timeout);
            thread = Thread.CurrentThread.Name;
        });

        Assert.False(flushed.IsCompleted);
        gate.Set();
        await flushed.WaitAsync(s_timeout);
        Assert.StartsWith("xfer-flush-", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushAsync_FilesFinishingTogether_FlushAtOnce()
    {
        // Each flush returns only once all four are running: they finish only if the flusher runs them together.
        using var flusher = Flusher(threads: 4);
        using var together = new Barrier(4);

        var flushes = Enumerable.Range(0, 4)
            .Select(_ => flusher.FlushAsync(() => Assert.True(together.SignalAndWait(s_timeout))))
            .ToArray();

        await Task.WhenAll(flushes).WaitAsync(s_timeout);
    }

    [Fact]
    public async Task FlushAsync_FlushThrows_OnlyThatFileFailsAndTheNextIsFlushed()
    {
        using var flusher = Flusher(threads: 1);
        var failed = flusher.FlushAsync(() => throw new IOException("disk gone"));
        var flushedNext = false;
        var next = flusher.FlushAsync(() => flushedNext = true);

        var error = await Assert.ThrowsAsync<IOException>(() => failed.WaitAsync(s_timeout));
        await next.WaitAsync(s_timeout);

        Assert.Equal("disk gone", error.Message);
        Assert.True(flushedNext);
    }

    [Fact]
    public async Task Dispose_FlushesHandedOverBefore_RunAndLaterOnesRunOnTheCaller()
    {
        var flusher = Flusher(threads: 1);
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var first = flusher.FlushAsync(() =>
        {
            started.Set();
            gate.Wait(s_timeout);
        });
        Assert.True(started.Wait(s_timeout));
        var queuedRan = false;
        var queued = flusher.FlushAsync(() => queuedRan = true);
        Assert.Equal(1, flusher.Waiting);
        Assert.Equal(1, FlushWaitingGauge());

        gate.Set();
        flusher.Dispose();
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = 0;
        var late = flusher.FlushAsync(() => ranOn = Environment.CurrentManagedThreadId);

        await Task.WhenAll(first, queued, late).WaitAsync(s_timeout);
        Assert.True(queuedRan);
        Assert.Equal(caller, ranOn);
    }

    [Fact]
    public void AddTransferWorker_FlusherDefaults_AreValid()
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();

        Assert.Equal(8, services.GetRequiredService<IOptions<FileFlushOptions>>().Value.Threads);
        Assert.NotNull(services.GetRequiredService<FileFlusher>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(FileFlushOptions.MaxThreadsLimit + 1)]
    public void AddTransferWorker_FlusherThreadsOutOfRange_FailsValidationNamingIt(int threads)
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker()
            .Configure<FileFlushOptions>(options => options.Threads = threads)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FileFlushOptions>>().Value);

        Assert.Contains("Transfer:Flush:Threads", error.Message, StringComparison.Ordinal);
    }

    private FileFlusher Flusher(int threads) =>
        new(Options.Create(new FileFlushOptions { Threads = threads }), new TransferInstruments(_services.GetRequiredService<IMeterFactory>()));

    /// <summary>The gauge <c>orleans-transfer-flush-waiting</c> of this test's meter (other tests run their own in parallel).</summary>
    private int FlushWaitingGauge()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var value = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "orleans-transfer-flush-waiting")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
