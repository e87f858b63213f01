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
/// while so their owner can still read the outcome). It also removes what creates that did not finish left behind
/// (<see cref="UnfinishedCreates"/>; an earlier version's creates left claims without a row): again the grain decides.
/// The catalog is read a page at a time.
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
            var now = timeProvider.GetUtcNow();
            await foreach (var id in catalog.ListUnfinishedModifiedBeforeAsync(now - options.Value.JobInactivityTimeout, cancellationToken).ConfigureAwait(false))
            {
                await grainFactory.GetGrain<IJobHousekeepingGrain>(id).CancelIfInactiveAsync().ConfigureAwait(false);
            }

            await UnfinishedCreates.ResolveAsync(catalog, grainFactory, now - UnfinishedCreates.Grace, cancellationToken).ConfigureAwait(false);
            await foreach (var id in catalog.ListClaimsWithoutJobAsync(cancellationToken).ConfigureAwait(false))
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
            await foreach (var id in catalog.ListFinalModifiedBeforeAsync(before, cancellationToken).ConfigureAwait(false))
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
