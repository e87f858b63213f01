namespace Orleans.Transfer.Worker;

/// <summary>
/// One platform's reading of the network cost and its change notification: NetworkManager on Linux, the connectivity
/// hint on Windows, or the configured override. <see cref="NetworkCostMonitor"/> runs exactly one.
/// </summary>
public interface INetworkCostSource
{
    /// <summary>
    /// Watches the cost until <paramref name="cancellationToken"/> is cancelled, calling <paramref name="report"/> with
    /// the first reading as soon as it is known and again whenever it may have changed (repeats are fine). A source that
    /// cannot tell reports <see cref="NetworkCost.Unknown"/> with a reason in its Detail, and never throws for that.
    /// </summary>
    Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken);
}
