using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// After a restart, wakes every job the catalog records as active, so bytes flow again within seconds instead of at
/// the next reminder tick. In a cluster, only those no live silo runs: the catalog names this silo, a dead or unknown
/// one, or none (a silo joining must not pull every job of the cluster through itself). The wake-up reminder remains
/// the durable backstop for a row the catalog missed. Then it wakes the Transferred jobs the service completes itself
/// (<see cref="IJobCatalog.ListCompletingAsync"/>: a crash came between their Transferred and Acknowledged writes; not
/// those whose completion failed, which wait for their owner), whose activation completes them; in a cluster all of
/// them, since they are few and a wake-up of one a live silo holds is answered there. Then it resolves the creates the
/// stop cut short (<see cref="UnfinishedCreates"/>).
/// </summary>
internal sealed partial class ResumeActiveJobsStartupTask(
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    IOptions<TransferClusterOptions> cluster,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<ResumeActiveJobsStartupTask> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        // Not awaited, and not tied to the start token: the silo must finish starting (and accept clients) while jobs wake.
        _ = Task.Run(WakeUpAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WakeUpAllAsync()
    {
        try
        {
            var jobIds = cluster.Value.Enabled
                ? catalog.ListActiveNotOnSilosAsync(LiveSilos.OtherThan(membership.CurrentSnapshot, localSilo.SiloAddress), CancellationToken.None)
                : catalog.ListActiveAsync(CancellationToken.None);
            var count = await ActiveJobs.CallEachAsync(jobIds, grainFactory, WakeUpAsync, CancellationToken.None).ConfigureAwait(false);
            LogWokeJobs(logger, count);
            var completing = await ActiveJobs.CallEachAsync(catalog.ListCompletingAsync(CancellationToken.None), grainFactory, WakeUpAsync, CancellationToken.None)
                .ConfigureAwait(false);
            if (completing > 0)
            {
                LogWokeCompletingJobs(logger, completing);
            }
        }
        catch (Exception e)
        {
            LogWakeUpFailed(logger, e);
        }

        try
        {
            // Creates cut short by the stop (a crash) left reservations that count against the quotas: free them now
            // rather than at the first sweep. Every one is asked; a create already running again finishes first.
            var count = await UnfinishedCreates.ResolveAsync(catalog, grainFactory, DateTimeOffset.MaxValue, CancellationToken.None).ConfigureAwait(false);
            if (count > 0)
            {
                LogUnfinishedCreatesResolved(logger, count);
            }
        }
        catch (Exception e)
        {
            LogUnfinishedCreatesFailed(logger, e);
        }
    }

    // One job that cannot be woken must not keep the others asleep; its reminder tries again.
    private async Task WakeUpAsync(IJobHousekeepingGrain job)
    {
        try
        {
            await job.WakeUpAsync().ConfigureAwait(false);
        }
        catch (TransferJobException e) when (e.Code == TransferErrorCode.JobHostUnavailable)
        {
            // Pinned to a host that has no silo now (docs/cluster.md): it waits for it, as designed.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJobWakeUpFailed(logger, e, job.GetPrimaryKey());
        }
    }

    [LoggerMessage(EventId = TransferEventIds.ActiveJobsWoken, Level = LogLevel.Information, Message = "Woke {Count} active job(s) after start")]
    private static partial void LogWokeJobs(ILogger logger, int count);

    [LoggerMessage(EventId = TransferEventIds.CompletingJobsWoken, Level = LogLevel.Information,
        Message = "Woke {Count} transferred job(s) the service completes itself after start")]
    private static partial void LogWokeCompletingJobs(ILogger logger, int count);

    [LoggerMessage(EventId = TransferEventIds.ActiveJobsWakeUpFailed, Level = LogLevel.Warning, Message = "Waking active jobs after start failed; their reminders will wake them")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = TransferEventIds.UnfinishedCreatesResolved, Level = LogLevel.Information,
        Message = "Asked {Count} job(s) whose create had not finished before the stop; those that do not exist no longer count against the quotas")]
    private static partial void LogUnfinishedCreatesResolved(ILogger logger, int count);

    [LoggerMessage(EventId = TransferEventIds.UnfinishedCreatesResolveFailed, Level = LogLevel.Warning,
        Message = "Looking for creates that had not finished before the stop failed; the next sweep looks again")]
    private static partial void LogUnfinishedCreatesFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = TransferEventIds.ActiveJobWakeUpFailed, Level = LogLevel.Warning, Message = "Waking job {JobId} after start failed; its reminder will wake it")]
    private static partial void LogJobWakeUpFailed(ILogger logger, Exception exception, Guid jobId);
}
