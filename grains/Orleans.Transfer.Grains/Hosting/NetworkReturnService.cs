using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// B19: each time this silo sees the network return, asks every active job in the catalog to queue again if a network
/// outage put it in TransientError; the job decides. The wake-up reminder and the job's own check after its state
/// write cover a return this misses.
/// </summary>
internal sealed partial class NetworkReturnService(
    INetworkMonitor network,
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    ILogger<NetworkReturnService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await network.NextReturn.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var count = await ActiveJobs.CallEachAsync(catalog, grainFactory, job => job.RetryAfterNetworkReturnAsync(), stoppingToken)
                    .ConfigureAwait(false);
                LogRequeued(logger, count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRequeueFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = TransferEventIds.NetworkReturnRequeued, Level = LogLevel.Information, Message = "Network returned: told {Count} active job(s)")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(EventId = TransferEventIds.NetworkReturnRequeueFailed, Level = LogLevel.Warning,
        Message = "Telling jobs that the network returned failed; their wake-up reminders queue them within a minute")]
    private static partial void LogRequeueFailed(ILogger logger, Exception exception);
}
