namespace Orleans.Transfer.Worker.Threading;

/// <summary>
/// The work queue of a few dedicated threads: the threads sleep in <see cref="Monitor.Wait(object)"/> until work comes.
/// Not a <c>BlockingCollection</c>: its <c>SemaphoreSlim</c> spins before every wait, and threads that wait once per
/// small file or SMB call spun on the silo's cores (a third of its CPU on many small files).
/// </summary>
internal sealed class DedicatedThreadQueue<T>
{
    private readonly Queue<T> _queue = new();
    // An object, not a Lock: Monitor.Wait and Pulse work only on a monitor.
    private readonly object _gate = new();
    private bool _closed;

    /// <summary>Work added and not yet taken.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> and wakes one thread; false once closed (the work was not queued).</summary>
    public bool TryAdd(T work)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _queue.Enqueue(work);
            Monitor.Pulse(_gate);
            return true;
        }
    }

    /// <summary>Waits for the next work; false once closed and nothing is left.</summary>
    public bool TryTake(out T work)
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_closed)
            {
                Monitor.Wait(_gate);
            }

            return _queue.TryDequeue(out work!);
        }
    }

    /// <summary>Refuses new work; the threads take what is queued, then their <see cref="TryTake"/> returns false.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
