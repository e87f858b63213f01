using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// The silo's housekeeping sweep, every <see cref="TransferJobOptions.InactivitySweepInterval"/>. It asks jobs the
/// catalog has not seen change for the inactivity timeout to cancel themselves (B31); the catalog row changes at least
/// as often as the job's activity, so it is a safe pre-filter, and the grain decides. It asks final jobs unchanged for
/// <see cref="TransferJobOptions.FinalJobRetention"/> to remove themselves (BITS removes them at once; we keep them a
/// while so their owner can still read the outcome). It also frees destinations still claimed under the id of a job
/// that was never created (a create that failed after claiming, whose own clean-up failed too): again the grain decides.
/// </summary>
internal sealed partial class InactiveJobSweeper(
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    IOptions<TransferJobOptions> options,
    TimeProvider timeProvider,
    ILogger<InactiveJobSweeper> logger) : BackgroundService
{
    /// <summary>One sweep; each part is tried even when another failed, and failures are logged, never thrown.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var before = timeProvider.GetUtcNow() - options.Value.JobInactivityTimeout;
            var ids = await catalog.ListUnfinishedModifiedBeforeAsync(before, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids)
            {
                await grainFactory.GetGrain<IJobHousekeepingGrain>(id).CancelIfInactiveAsync().ConfigureAwait(false);
            }

            foreach (var id in await catalog.ListClaimsWithoutJobAsync(cancellationToken).ConfigureAwait(false))
            {
                await grainFactory.GetGrain<IJobHousekeepingGrain>(id).ReleaseClaimsIfAbsentAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(logger, e);
        }

        try
        {
            var before = timeProvider.GetUtcNow() - options.Value.FinalJobRetention;
            foreach (var id in await catalog.ListFinalModifiedBeforeAsync(before, cancellationToken).ConfigureAwait(false))
            {
                await grainFactory.GetGrain<IJobHousekeepingGrain>(id).RemoveIfExpiredAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetentionSweepFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InactivitySweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = TransferEventIds.InactiveSweepFailed, Level = LogLevel.Warning, Message = "The inactive-job sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = TransferEventIds.RetentionSweepFailed, Level = LogLevel.Warning, Message = "Removing final jobs past their retention failed; the sweep tries again at the next interval")]
    private static partial void LogRetentionSweepFailed(ILogger logger, Exception exception);
}
