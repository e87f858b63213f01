using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>Runs short, synchronous file operations with a Unix identity's filesystem rights.</summary>
internal interface IOwnerIdentityRunner
{
    /// <summary>The identity operations for <paramref name="owner"/> really run with (the service's own when it cannot switch).</summary>
    UnixCredentials ActingAs(UnixCredentials owner);

    /// <summary>
    /// Runs <paramref name="operation"/> as <paramref name="owner"/>. It must only make system calls: anything that
    /// loads a file (an assembly, a resource) would load it with the owner's rights. Cancelling stops the wait; a
    /// result that arrives after that is disposed.
    /// </summary>
    Task<T> RunAsync<T>(UnixCredentials owner, Func<T> operation, CancellationToken cancellationToken);
}
