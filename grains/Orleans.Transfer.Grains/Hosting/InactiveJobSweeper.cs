using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// Periodically asks jobs the catalog has not seen change for the inactivity timeout to cancel themselves (B31). The
/// catalog row changes at least as often as the job's activity, so it is a safe pre-filter; the grain decides. It also
/// frees destinations still claimed under the id of a job that was never created (a create that failed after
/// claiming, whose own clean-up failed too): again the grain decides.
/// </summary>
internal sealed partial class InactiveJobSweeper(
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    IOptions<TransferJobOptions> options,
    TimeProvider timeProvider,
    ILogger<InactiveJobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InactivitySweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var before = timeProvider.GetUtcNow() - options.Value.JobInactivityTimeout;
                var ids = await catalog.ListUnfinishedModifiedBeforeAsync(before, stoppingToken).ConfigureAwait(false);
                foreach (var id in ids)
                {
                    await grainFactory.GetGrain<IJobHousekeepingGrain>(id).CancelIfInactiveAsync().ConfigureAwait(false);
                }

                foreach (var id in await catalog.ListClaimsWithoutJobAsync(stoppingToken).ConfigureAwait(false))
                {
                    await grainFactory.GetGrain<IJobHousekeepingGrain>(id).ReleaseClaimsIfAbsentAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = TransferEventIds.InactiveSweepFailed, Level = LogLevel.Warning, Message = "The inactive-job sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
