namespace Orleans.Transfer.Worker;

/// <summary>
/// This silo's view of the machine's network connection (BITS B19). A loss counts only after
/// <see cref="NetworkMonitorOptions.LossGracePeriod"/>; a return counts at once.
/// </summary>
public interface INetworkMonitor
{
    /// <summary>False from the moment the network counts as lost until it returns.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// A token cancelled when the network is lost; already cancelled while it is lost. Read it again after a return:
    /// each connected period has its own.
    /// </summary>
    CancellationToken LostToken { get; }

    /// <summary>Completes when the network next returns after a loss (on the thread pool, never inline).</summary>
    Task NextReturn { get; }

    /// <summary>
    /// Checks the network now; when it looks unusable but the loss is not yet confirmed, waits out the rest of
    /// <see cref="NetworkMonitorOptions.LossGracePeriod"/>. True when the network is available at the end.
    /// </summary>
    Task<bool> ConfirmAvailableAsync(CancellationToken cancellationToken);
}
