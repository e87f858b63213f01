using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The service is not root: it cannot switch identity and need not, since it serves only its own user (see
/// docs/security.md). Operations run on the thread pool with the service's own rights.
/// </summary>
internal sealed class CurrentIdentityRunner : IOwnerIdentityRunner
{
    private readonly UnixCredentials _service = OwnerAccounts.Service();

    public UnixCredentials ActingAs(UnixCredentials owner) => _service;

    public Task<T> RunAsync<T>(UnixCredentials owner, Func<T> operation, CancellationToken cancellationToken)
    {
        var work = new OwnerWork<T>(_service, operation, cancellationToken);
        ThreadPool.UnsafeQueueUserWorkItem(static w => w.Run(), work, preferLocal: false);
        return work.Task;
    }
}
