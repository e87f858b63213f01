using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.Threading;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// A few dedicated threads that switch their filesystem identity to the owner for each operation and back after it
/// (Linux, the service as root). A thread whose identity does not read back as the service's stops the service at
/// once (fail-fast): whatever it did next, even completing its caller's task, could start a thread, and a thread is born
/// with the identity of the thread that starts it. An operation for the
/// service's own identity (a trusted service's job without <see cref="OwnerFileAccessOptions.TrustedServiceAccount"/>)
/// needs no switch: it runs on the thread pool, as without root (<see cref="CurrentIdentityRunner"/>).
/// </summary>
internal sealed partial class OwnerThreadPool : IOwnerIdentityRunner, IDisposable
{
    private readonly DedicatedThreadQueue<IOwnerWork> _queue = new();
    private readonly UnixCredentials _service;
    private readonly ILogger<OwnerThreadPool> _logger;
    private readonly Func<UnixCredentials, bool> _tryRestore;
    private readonly Action<string> _failFast;

    public OwnerThreadPool(IOptions<OwnerFileAccessOptions> options, ILogger<OwnerThreadPool> logger)
        : this(options, logger, UnixThreadIdentity.TryRestore, static message => Environment.FailFast(message))
    {
    }

    /// <summary>For tests: <paramref name="tryRestore"/> in place of the system calls' answer, <paramref name="failFast"/> in place of ending the process.</summary>
    internal OwnerThreadPool(
        IOptions<OwnerFileAccessOptions> options,
        ILogger<OwnerThreadPool> logger,
        Func<UnixCredentials, bool> tryRestore,
        Action<string> failFast)
    {
        if (!UnixThreadIdentity.IsSupported)
        {
            throw new PlatformNotSupportedException(
                "The service runs as root, but switching a thread's file identity is implemented only on Linux on x64 and Arm64; run the service as an ordinary user instead.");
        }

        _service = OwnerAccounts.Service();
        _logger = logger;
        _tryRestore = tryRestore;
        _failFast = failFast;
        for (var i = 0; i < options.Value.FileThreads; i++)
        {
            StartThread();
        }
    }

    public UnixCredentials ActingAs(UnixCredentials owner) => owner;

    public Task<T> RunAsync<T>(UnixCredentials owner, Func<T> operation, CancellationToken cancellationToken)
    {
        var work = new OwnerWork<T>(owner, operation, cancellationToken);
        if (IsService(owner))
        {
            // A dedicated thread would add two thread hand-offs and four set-fsuid/fsgid calls to each operation, for
            // an identity every pool thread already has. Queued locally: a caller on the pool (a download opening its
            // temporary file) usually runs it next on the same thread, without waking another.
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.Run(), work, preferLocal: true);
            return work.Task;
        }

        if (!_queue.TryAdd(work))
        {
            work.Fail(new ObjectDisposedException(nameof(OwnerThreadPool)));
        }

        return work.Task;
    }

    public void Dispose() => _queue.Close();

    // The kernel checks the fsuid, the fsgid and the supplementary groups, so the primary group counts whether it is
    // among those or not: an owner resolved from the service's account name lists it, the service's own thread may not.
    private bool IsService(UnixCredentials owner) =>
        owner.UserId == _service.UserId && owner.GroupId == _service.GroupId
        && owner.Groups.All(g => g == owner.GroupId || _service.Groups.Contains(g))
        && _service.Groups.All(g => g == _service.GroupId || owner.Groups.Contains(g));

    private void StartThread() =>
        new Thread(Serve) { IsBackground = true, Name = "xfer owner files" }.Start();

    private void Serve()
    {
        // A thread inherits the identity of the thread that created it: make sure it starts as the service.
        if (!_tryRestore(_service))
        {
            Stop();
            return;
        }

        while (_queue.TryTake(out var work))
        {
            if (work.IsAbandoned)
            {
                continue;
            }

            var error = UnixThreadIdentity.Assume(work.Credentials);
            if (error == 0)
            {
                work.Execute();
            }

            if (!_tryRestore(_service))
            {
                Stop();
                return;
            }

            // Completed as the service: a thread the caller's continuation may start is born from this one.
            if (error == 0)
            {
                work.Complete();
            }
            else
            {
                work.Fail(new IOException(
                    $"The service could not act with the rights of uid {work.Credentials.UserId} (errno {error}); the file operation was not made.",
                    error));
            }
        }
    }

    // Nothing else may run on this thread: completing the caller's task queues its continuation, and the thread pool
    // may start a worker from the queueing thread, born with this thread's identity. The caller's work is lost with the
    // process; the job's state is durable and the supervisor starts the service again.
    private void Stop()
    {
        LogIdentityNotRestored(_logger, _service.UserId);
        _failFast($"A file thread's identity did not return to the service's (uid {_service.UserId}); the service stops rather than go on with a thread acting as another user.");
    }
}
