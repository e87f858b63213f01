using Orleans.Transfer.Worker.Threading;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The one thread per process that makes every libsmbclient call: the library is not thread-safe even with one context
/// per thread (docs/platform-facts §1). Clients share it while any is alive; after the last lets go it stops, and a
/// later one starts only once the old thread has finished, so two never call the library at the same time.
/// </summary>
internal sealed class SmbcThread
{
    private static readonly Lock s_gate = new();
    private static SmbcThread? s_current;
    private static Thread? s_previous;
    private static int s_users;

    private readonly DedicatedThreadQueue<Action> _work = new();
    private readonly Thread _thread;

    private SmbcThread(Thread? previous)
    {
        _thread = new Thread(() => Run(previous)) { IsBackground = true, Name = "libsmbclient" };
        _thread.Start();
    }

    /// <summary>True on the SMB thread itself.</summary>
    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>The shared thread, started when nobody held it; pair with <see cref="Release"/>.</summary>
    public static SmbcThread Acquire()
    {
        lock (s_gate)
        {
            s_current ??= new SmbcThread(s_previous);
            s_users++;
            return s_current;
        }
    }

    /// <summary>Lets go of the thread; the last user's release stops it once the work already queued is done.</summary>
    public static void Release(SmbcThread thread)
    {
        lock (s_gate)
        {
            if (s_current != thread || --s_users > 0)
            {
                return;
            }

            s_current = null;
            s_previous = thread._thread;
            thread._work.Close();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread. Cancelled while still queued, it never runs; once running it is not
    /// interrupted (libsmbclient's own timeout bounds it), and the caller gets its result or exception.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = 0; // 0 queued, 1 started, 2 cancelled before it started
        var registration = cancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
            {
                completion.TrySetCanceled(cancellationToken);
            }
        });
        void Step()
        {
            registration.Dispose();
            if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
            {
                return;
            }

            try
            {
                completion.TrySetResult(work());
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        }

        if (!_work.TryAdd(Step))
        {
            registration.Dispose();
            return Task.FromException<T>(new ObjectDisposedException(nameof(SmbcThread), "The SMB client was disposed."));
        }

        return completion.Task;
    }

    private void Run(Thread? previous)
    {
        previous?.Join();
        while (_work.TryTake(out var step))
        {
            step();
        }
    }
}
