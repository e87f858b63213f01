using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A queued owner operation, whatever its result type.</summary>
internal interface IOwnerWork
{
    UnixCredentials Credentials { get; }

    /// <summary>True when the caller stopped waiting before the operation ran.</summary>
    bool IsAbandoned { get; }

    /// <summary>Runs the operation and completes the caller's task, on a thread that acts as the service.</summary>
    void Run();

    /// <summary>Runs the operation and keeps its outcome for <see cref="Complete"/>.</summary>
    void Execute();

    /// <summary>
    /// Hands the outcome to the caller. Only from a thread that acts as the service again: completing may queue the
    /// caller's continuation, and queueing may start a thread, which inherits the identity of the thread that starts it.
    /// </summary>
    void Complete();

    /// <summary>Completes the caller's task with <paramref name="exception"/> instead; the same rule as <see cref="Complete"/>.</summary>
    void Fail(Exception exception);
}
