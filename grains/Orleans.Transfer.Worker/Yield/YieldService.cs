using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>Ticks every link of the <see cref="YieldRegistry"/> every <see cref="YieldOptions.Tick"/>.</summary>
internal sealed partial class YieldService(YieldRegistry registry, TimeProvider time, ILogger<YieldService> logger) : BackgroundService
{
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registry.Options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(registry.Options.Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Tick(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops.
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
