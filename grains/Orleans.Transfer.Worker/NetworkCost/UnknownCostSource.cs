namespace Orleans.Transfer.Worker;

/// <summary>Where no platform source exists (neither Linux nor Windows): always unknown, that is Unrestricted.</summary>
internal sealed class UnknownCostSource(string reason) : INetworkCostSource
{
    public async Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        report(NetworkCost.Unknown with { Detail = reason });
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
