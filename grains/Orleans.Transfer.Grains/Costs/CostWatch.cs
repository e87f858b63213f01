using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Costs;

/// <summary>
/// Watches the network's cost for one transfer: <see cref="Stopped"/> is cancelled as soon as the cost (or a policy
/// change) is one the policy does not allow, and stays cancelled. The monitor's change token fires on the thread that
/// changed the cost; the check runs on the thread pool, never inline.
/// </summary>
internal sealed class CostWatch : IDisposable
{
    private readonly INetworkCostMonitor _monitor;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _gate = new();
    private NetworkCostStates _policy;
    private CancellationTokenRegistration _registration;
    private bool _disposed;

    public CostWatch(INetworkCostMonitor monitor, NetworkCostStates policy)
    {
        _monitor = monitor;
        _policy = policy;
        Check();
    }

    /// <summary>Cancelled once the cost is not allowed.</summary>
    public CancellationToken Stopped => _stopped.Token;

    /// <summary>The cost that stopped the transfer, once <see cref="Stopped"/> is cancelled.</summary>
    public NetworkCost? StoppedBy { get; private set; }

    /// <summary>The job's policy changed while it transfers (B84: it takes effect immediately).</summary>
    public void Change(NetworkCostStates policy)
    {
        lock (_gate)
        {
            _policy = policy;
        }

        Check();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _registration.Unregister();
            _stopped.Dispose();
        }
    }

    private void Check()
    {
        lock (_gate)
        {
            if (_disposed || StoppedBy is not null)
            {
                return;
            }

            // The token first: a change right after reading the cost still fires it.
            var changed = _monitor.ChangedToken;
            var cost = _monitor.Current;
            if (TransferPolicy.Allows(_policy, cost.State))
            {
                _registration.Unregister();
                _registration = changed.UnsafeRegister(
                    static watch => ThreadPool.UnsafeQueueUserWorkItem(static w => w.Check(), (CostWatch)watch!, preferLocal: false),
                    this);
                return;
            }

            // Under the lock, so that Dispose cannot free the source meanwhile; the callbacks only cancel the transfer.
            StoppedBy = cost;
            try
            {
                _stopped.Cancel();
            }
            catch (AggregateException)
            {
                // A callback of the transfer's failed while it was told to stop; it is cancelled all the same, and this
                // runs on a thread-pool item, where an exception would end the silo.
            }
        }
    }
}
