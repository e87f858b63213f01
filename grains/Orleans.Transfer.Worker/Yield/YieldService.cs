using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Ticks every link of the <see cref="YieldRegistry"/> every <see cref="YieldOptions.Tick"/> while any link has a
/// controlled connection, and sleeps until the next registration otherwise.
/// </summary>
internal sealed partial class YieldService(YieldRegistry registry, TimeProvider time, ILogger<YieldService> logger) : BackgroundService
{
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registry.Options.Enabled)
        {
            return;
        }

        try
        {
            while (true)
            {
                // An idle service does not tick: 50 wake-ups a second were half of an idle silo's CPU.
                await registry.WhenConnectedAsync(stoppingToken).ConfigureAwait(false);
                await TickWhileConnectedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    // Ends after a tick that began with no connection anywhere: that tick reset every link without connections, so
    // the next busy spell starts from fresh baselines.
    private async Task TickWhileConnectedAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(registry.Options.Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var connected = registry.HasConnections;
            Tick(stoppingToken);
            if (!connected)
            {
                return;
            }
        }
    }

    /// <summary>One tick of every link. A link whose tick fails is logged once until it succeeds again, and keeps its last decision.</summary>
    public void Tick(CancellationToken cancellationToken)
    {
        foreach (var link in registry.Links)
        {
            try
            {
                link.Tick(cancellationToken);
                _failing.Remove(link.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (_failing.Add(link.Name))
                {
                    LogTickFailed(logger, link.Name, ex);
                }
            }
        }
    }
}
