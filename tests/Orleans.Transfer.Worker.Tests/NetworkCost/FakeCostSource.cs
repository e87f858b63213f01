namespace Orleans.Transfer.Worker.Tests;

/// <summary>A cost source the test drives: <see cref="Report"/> is what a platform's notification would do.</summary>
internal sealed class FakeCostSource : INetworkCostSource
{
    private readonly TaskCompletionSource<Action<NetworkCost>> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, RunAsync fails with it, as a buggy source would.</summary>
    public Exception? Failure { get; init; }

    public async Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        _report.TrySetResult(report);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async Task Report(NetworkCost cost) => (await _report.Task)(cost);
}
