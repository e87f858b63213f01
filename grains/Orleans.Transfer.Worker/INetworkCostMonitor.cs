namespace Orleans.Transfer.Worker;

/// <summary>
/// This silo's view of the network's cost (B84): NetworkManager's Metered property on Linux, the connectivity hint on
/// Windows, or Transfer:Network:Cost. Jobs whose transfer policy does not allow <see cref="Current"/> stop and wait.
/// </summary>
public interface INetworkCostMonitor
{
    /// <summary>The cost now.</summary>
    NetworkCost Current { get; }

    /// <summary>
    /// A token cancelled when <see cref="Current"/> next changes state. Read it again after a change: each period of one
    /// cost has its own.
    /// </summary>
    CancellationToken ChangedToken { get; }
}
