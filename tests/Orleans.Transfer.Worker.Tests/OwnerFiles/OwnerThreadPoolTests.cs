using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

[SupportedOSPlatform("linux")]
public sealed class OwnerThreadPoolTests
{
    [LinuxRootFact]
    public async Task RunAsync_TheServicesOwnIdentity_RunsOnThePool_AnotherOwnerOnAnOwnerThreadAsThatOwner()
    {
        using var pool = new OwnerThreadPool(
            Options.Create(new OwnerFileAccessOptions { FileThreads = 1 }), NullLogger<OwnerThreadPool>.Instance);
        var service = OwnerAccounts.Service();

        var own = await pool.RunAsync(service, Where, CancellationToken.None);

        // The service's account by name (a job owned by "root"): its primary group listed among its groups too.
        var byName = await pool.RunAsync(new UnixCredentials(service.UserId, service.GroupId, [service.GroupId, .. service.Groups]), Where, CancellationToken.None);
        var other = await pool.RunAsync(new UnixCredentials(65534, 65534, []), Where, CancellationToken.None);

        Assert.Equal((true, (string?)null, service.UserId, service.GroupId), own);
        Assert.Equal((true, (string?)null, service.UserId, service.GroupId), byName);
        Assert.Equal((false, "xfer owner files", 65534u, 65534u), other);
    }

    [LinuxRootFact]
    public async Task RunAsync_TheServicesUidWithOtherGroups_IsSwitchedOnAnOwnerThread()
    {
        using var pool = new OwnerThreadPool(
            Options.Create(new OwnerFileAccessOptions { FileThreads = 1 }), NullLogger<OwnerThreadPool>.Instance);
        var service = OwnerAccounts.Service();

        // Same uid and gid, not the same groups: not the service's identity, so the thread switches to it.
        var other = await pool.RunAsync(new UnixCredentials(service.UserId, service.GroupId, [54321]), Where, CancellationToken.None);

        Assert.Equal((false, "xfer owner files", service.UserId, service.GroupId), other);
    }

    /// <summary>
    /// Adds: the caller's continuation is queued from an owner thread only once it acts as the service again. A thread
    /// started to run it (as the thread pool starts a worker from the queueing thread when it needs one) inherits the
    /// identity of the thread that queued it, and would have gone on as the owner, without root's capabilities.
    /// </summary>
    [LinuxRootFact]
    public async Task RunAsync_AThreadStartedForTheContinuation_IsBornAsTheService()
    {
        using var pool = new OwnerThreadPool(
            Options.Create(new OwnerFileAccessOptions { FileThreads = 1 }), NullLogger<OwnerThreadPool>.Instance);
        var scheduler = new ThreadPerTaskScheduler();

        var bornAs = await pool.RunAsync(new UnixCredentials(65534, 65534, []), () => 0, CancellationToken.None)
            .ContinueWith(_ => UnixThreadIdentity.Current(), CancellationToken.None, TaskContinuationOptions.None, scheduler);

        Assert.Equal((0u, 0u), (bornAs.UserId, bornAs.GroupId));
    }

    /// <summary>
    /// Adds: a thread whose identity does not read back as the service's after an operation stops the service before
    /// it completes the caller's task (completing it could start a thread born with that identity); the thread runs
    /// nothing more. The identity is in fact restored here; only its answer is replaced.
    /// </summary>
    [LinuxRootFact]
    public async Task RunAsync_IdentityNotRestored_StopsTheServiceWithoutCompletingTheWork()
    {
        var restores = 0;
        var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pool = new OwnerThreadPool(
            Options.Create(new OwnerFileAccessOptions { FileThreads = 1 }),
            NullLogger<OwnerThreadPool>.Instance,
            service => UnixThreadIdentity.TryRestore(service) && Interlocked.Increment(ref restores) == 1,
            message => stopped.SetResult(message));
        var ran = 0;

        var work = pool.RunAsync(new UnixCredentials(65534, 65534, []), () => Interlocked.Increment(ref ran), CancellationToken.None);
        var message = await stopped.Task;
        var next = pool.RunAsync(new UnixCredentials(65534, 65534, []), () => Interlocked.Increment(ref ran), CancellationToken.None);

        Assert.Contains("did not return to the service's", message);
        Assert.Equal(1, Volatile.Read(ref ran));
        Assert.False(work.IsCompleted);
        Assert.False(next.IsCompleted);
    }

    private static (bool OnPool, string? Thread, uint UserId, uint GroupId) Where()
    {
        var identity = UnixThreadIdentity.Current();
        return (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.IsThreadPoolThread ? null : Thread.CurrentThread.Name, identity.UserId, identity.GroupId);
    }

    /// <summary>Runs each task on a new thread, started by the thread that queues it.</summary>
    private sealed class ThreadPerTaskScheduler : TaskScheduler
    {
        protected override void QueueTask(Task task) => new Thread(() => TryExecuteTask(task)).Start();

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks() => [];
    }
}
