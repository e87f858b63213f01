using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// What a job does as its grain activates and deactivates: a damaged row is shown as such, a plain-text secret of an
/// earlier version is encrypted, the catalog row catches up, a transferred job the service completes itself is completed,
/// and active work resumes (or is written before it stops).
/// </summary>
internal sealed partial class JobActivation(
    Guid jobId,
    Func<TransferJobState> job,
    JobSecrets secrets,
    JobPersistence persistence,
    JobTransitions transitions,
    JobRunner runner,
    JobTimers timers,
    JobCompletion completion,
    IJobCatalog catalog,
    TransferInstruments instruments,
    ILogger logger)
{
    private TransferJobState Job => job();

    public async Task ActivateAsync()
    {
        if (!Job.Exists)
        {
            return;
        }

        instruments.JobStateChanged(null, Job.State);
        if (Job.Damage is { } damage)
        {
            // The catalog row shows a damaged job in Error, under the owner it had there if the row no longer names one.
            LogJobStateUnreadable(logger, jobId, damage);
            await DamagedJob.CompleteFromCatalogAsync(jobId, Job, catalog);
            await persistence.UpsertCatalogIfDueAsync();
            return;
        }

        if (secrets.HasPlaintext)
        {
            // Stored in plain text by an earlier version: the write encrypts it, and the row no longer holds it.
            await persistence.WriteStateAsync();
            LogPlaintextSecretProtected(logger, jobId);
        }

        // The catalog may have missed the last write before a crash; the grain state is the truth.
        await persistence.UpsertCatalogIfDueAsync();
        if (JobCompletion.IsDue(Job))
        {
            // The activation that transferred it stopped before it completed it (a crash during the moves): complete it
            // now, before any caller sees the job. Completed files are not downloaded again. One whose moves failed is
            // not due: it waits for its owner.
            await completion.CompleteOnActivationAsync();
        }

        if (Job.State.IsActive())
        {
            LogResumingAfterActivation(logger, jobId, Job.State);
            if (Job.State is JobState.Connecting or JobState.Transferring)
            {
                // The previous activation died mid-transfer; until the scheduler gives it a slot again, it is queued.
                await transitions.ChangeStateAsync(JobState.Queued);
            }

            timers.ResumeActiveWork();
        }

        timers.ArmNotification();
    }

    public async Task DeactivateAsync()
    {
        await runner.StopAsync();
        timers.StopAll();
        if (!Job.Exists)
        {
            return;
        }

        if (JobPersistence.IsRunnable(Job.State))
        {
            // Completed small files and runnable-state moves may not be written yet.
            await persistence.PersistAsync();
        }

        instruments.JobStateChanged(Job.State, null);
    }
}
