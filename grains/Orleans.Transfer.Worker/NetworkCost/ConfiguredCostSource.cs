namespace Orleans.Transfer.Worker;

/// <summary>The administrator's fixed cost (<see cref="NetworkCostOptions.Cost"/> other than Auto).</summary>
internal sealed class ConfiguredCostSource(NetworkCostStates state, string setting) : INetworkCostSource
{
    /// <summary>The source name the configured cost reports.</summary>
    public const string SourceName = "configuration";

    public async Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        report(new NetworkCost(state, SourceName, $"{NetworkCostOptions.SectionName}:Cost={setting}"));
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
