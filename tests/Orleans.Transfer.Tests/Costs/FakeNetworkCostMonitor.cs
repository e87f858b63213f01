using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>A network cost the test sets; each change cancels the token of the period before, as the real monitor does.</summary>
public sealed class FakeNetworkCostMonitor : INetworkCostMonitor
{
    private readonly Lock _gate = new();
    private NetworkCost _current = NetworkCost.Unknown;
    private CancellationTokenSource _changed = new();

    public NetworkCost Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public CancellationToken ChangedToken
    {
        get
        {
            lock (_gate)
            {
                return _changed.Token;
            }
        }
    }

    /// <summary>Sets the cost; a change to another state fires the change token, as NetworkManager's Metered flips would.</summary>
    public void Set(NetworkCostStates state, string source = "test", string detail = "set by the test")
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            if (_current.State == state)
            {
                return;
            }

            _current = new NetworkCost(state, source, detail);
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }
}
