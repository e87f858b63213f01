using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.Threading;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Runs finished files' final flushes (<see cref="ITransferSink.Flush"/> of a local file: an fsync) on
/// <see cref="FileFlushOptions.Threads"/> dedicated threads. An fsync blocks its thread for milliseconds; on the thread
/// pool of a small machine a few of them at once stall every other turn, and the pool then grows. Here they block only
/// their own threads, and those of files that finish together run at once, which ext4 commits together (16 fsyncs in
/// parallel cost 0.46 ms each on this project's test disk, one alone 1.5-3.6 ms). The caller awaits the returned task,
/// so nothing is reported durable before its flush is done. The queue's length is the gauge
/// <c>orleans-transfer-flush-waiting</c>.
/// </summary>
internal sealed class FileFlusher : IDisposable
{
    private readonly DedicatedThreadQueue<(Action Flush, TaskCompletionSource Done)> _queue = new();
    private readonly Thread[] _threads;

    public FileFlusher(IOptions<FileFlushOptions> options, TransferInstruments instruments)
    {
        instruments.ObserveFlushQueue(() => Waiting);
        _threads = new Thread[options.Value.Threads];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"xfer-flush-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Flushes handed over and not yet taken by a thread: more than a moment means the disk is the bottleneck.</summary>
    public int Waiting => _queue.Count;

    /// <summary>
    /// Runs <paramref name="flush"/> on a flusher thread; the task ends when it returned (or with what it threw). After
    /// <see cref="Dispose"/> it runs on the caller's thread: a flush is never dropped.
    /// </summary>
    public Task FlushAsync(Action flush)
    {
        ArgumentNullException.ThrowIfNull(flush);

        // The awaiting run continues on the pool, not on a flusher thread, which goes on to the next file.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.TryAdd((flush, done)))
        {
            // The silo is stopping.
            Execute(flush, done);
        }

        return done.Task;
    }

    /// <summary>Runs what was handed over already, then ends the threads.</summary>
    public void Dispose()
    {
        _queue.Close();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private static void Execute(Action flush, TaskCompletionSource done)
    {
        try
        {
            flush();
            done.SetResult();
        }
        catch (Exception ex)
        {
            // The run that handed the file over reports it (a failed flush fails the file, never the flusher).
            done.SetException(ex);
        }
    }

    private void Run()
    {
        while (_queue.TryTake(out var work))
        {
            Execute(work.Flush, work.Done);
        }
    }
}
