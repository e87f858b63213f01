using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Cluster;

/// <summary>
/// When membership declares another silo dead, wakes the active jobs the catalog records on it, so they activate on a
/// survivor and continue from their checkpoints now rather than at their next reminder tick (up to a minute later).
/// Then it wakes the Transferred jobs the service completes itself (<see cref="IJobCatalog.ListCompletingAsync"/>):
/// one the dead silo was completing has no reminder and would otherwise wait for the next silo start. The catalog does
/// not say which silo ran those, so it wakes all of them; they are few, and one a live silo holds answers there.
/// Every survivor does it; a job woken twice is woken once (its wake-up is idempotent).
/// </summary>
internal sealed partial class DeadSiloJobWaker(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IJobCatalog catalog,
    IGrainFactory grainFactory,
    ILogger<DeadSiloJobWaker> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadSiloJobWaker), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Silos dead before this one became active are the start-up scan's (ResumeActiveJobsStartupTask) to handle.
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead
                        && previous.GetSiloStatus(member.SiloAddress) != SiloStatus.Dead
                        && !member.SiloAddress.Equals(localSilo.SiloAddress))
                    {
                        await WakeJobsOfAsync(member.SiloAddress, cancellationToken).ConfigureAwait(false);
                    }
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task WakeJobsOfAsync(SiloAddress dead, CancellationToken cancellationToken)
    {
        try
        {
            var count = await ActiveJobs.CallEachAsync(
                catalog.ListActiveOnSiloAsync(dead.ToParsableString(), cancellationToken),
                grainFactory,
                WakeUpAsync,
                cancellationToken).ConfigureAwait(false);
            var completing = await ActiveJobs.CallEachAsync(catalog.ListCompletingAsync(cancellationToken), grainFactory, WakeUpAsync, cancellationToken)
                .ConfigureAwait(false);
            LogJobsWoken(logger, count, completing, dead);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWakeUpFailed(logger, e, dead);
        }
    }

    // One job that cannot be woken must not keep the others asleep; its reminder tries again.
    private async Task WakeUpAsync(IJobHousekeepingGrain job)
    {
        try
        {
            await job.WakeUpAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJobWakeUpFailed(logger, e, job.GetPrimaryKey());
        }
    }

    [LoggerMessage(EventId = TransferEventIds.DeadSiloJobsWoken, Level = LogLevel.Information,
        Message = "Silo {Silo} was declared dead; woke the {Count} active job(s) it ran and the {Completing} transferred job(s) the service completes itself")]
    private static partial void LogJobsWoken(ILogger logger, int count, int completing, SiloAddress silo);

    [LoggerMessage(EventId = TransferEventIds.DeadSiloJobsWakeUpFailed, Level = LogLevel.Warning,
        Message = "Silo {Silo} was declared dead; looking up its active jobs failed, their reminders will wake them")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = TransferEventIds.DeadSiloJobWakeUpFailed, Level = LogLevel.Warning,
        Message = "Waking job {JobId} of a dead silo failed; its reminder will wake it")]
    private static partial void LogJobWakeUpFailed(ILogger logger, Exception exception, Guid jobId);
}
