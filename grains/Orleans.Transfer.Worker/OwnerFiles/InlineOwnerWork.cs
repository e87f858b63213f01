namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// An operation with the service's own rights, asked for by a plain thread-pool thread (a download's run opening its
/// temporary file), runs on that thread at once. Queued, it cost two thread-pool work items (the operation, then the
/// caller's continuation), each of which could wake a parked pool thread, for a few system calls the caller's thread
/// could make itself, as it makes its own writes (docs/benchmarks.md, "small: one job, per-file hand-offs"). A grain's
/// turn (its own task scheduler) and any other thread still get the operation queued: grain code never does file I/O.
/// </summary>
internal static class InlineOwnerWork
{
    /// <summary>True on a thread-pool thread outside any task scheduler or synchronization context of its own.</summary>
    public static bool CanRunHere() =>
        Thread.CurrentThread.IsThreadPoolThread
        && SynchronizationContext.Current is null
        && TaskScheduler.Current == TaskScheduler.Default;

    /// <summary>Runs <paramref name="operation"/> on this thread; its result, exception or the cancellation as a completed task.</summary>
    public static Task<T> Run<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(operation());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}
