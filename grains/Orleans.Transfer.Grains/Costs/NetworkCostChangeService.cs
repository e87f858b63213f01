using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Costs;

/// <summary>
/// B84: each time this silo's network cost changes, asks every active job in the catalog to queue again if it waits
/// for a cost its policy allows now; the job decides. As with the network's return, the wake-up reminder and the job's
/// own check after its state write cover a change this misses. (Jobs that transfer watch the cost themselves.)
/// </summary>
internal sealed partial class NetworkCostChangeService(
    INetworkCostMonitor monitor,
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    ILogger<NetworkCostChangeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each period's token is taken before the jobs are told, so a change while they are told is not missed.
        var token = monitor.ChangedToken;
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() => changed.TrySetResult()))
            {
                await changed.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            token = monitor.ChangedToken;
            var cost = monitor.Current;
            try
            {
                var count = await ActiveJobs.CallEachAsync(catalog, grainFactory, job => job.RetryAfterCostChangeAsync(), stoppingToken)
                    .ConfigureAwait(false);
                LogRequeued(logger, cost.State, cost.Source, count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRequeueFailed(logger, e, cost.State);
            }
        }
    }

    [LoggerMessage(EventId = TransferEventIds.CostChangeRequeued, Level = LogLevel.Information,
        Message = "Network cost is now {State} ({Source}): told {Count} active job(s)")]
    private static partial void LogRequeued(ILogger logger, NetworkCostStates state, string source, int count);

    [LoggerMessage(EventId = TransferEventIds.CostChangeRequeueFailed, Level = LogLevel.Warning,
        Message = "Telling jobs that the network cost changed to {State} failed; their wake-up reminders queue them within a minute")]
    private static partial void LogRequeueFailed(ILogger logger, Exception exception, NetworkCostStates state);
}
