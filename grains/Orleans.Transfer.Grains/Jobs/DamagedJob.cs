using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job whose stored row cannot be read (<see cref="TransferJobState.Damage"/>): shown, in Error, and cancellable;
/// it neither runs nor delivers, and its row stays as it was (for a restore or a look) until it is cancelled.
/// </summary>
internal static class DamagedJob
{
    /// <summary>Fills what the row no longer says (the owner, the name) from the job's catalog row, which survives.</summary>
    public static async Task CompleteFromCatalogAsync(Guid jobId, TransferJobState job, IJobCatalog catalog)
    {
        if (await catalog.FindAsync(jobId) is not { } listed)
        {
            return;
        }

        job.Owner = job.Owner.Length > 0 ? job.Owner : listed.Owner;
        job.DisplayName = job.DisplayName.Length > 0 ? job.DisplayName : listed.DisplayName;
        job.Priority = listed.Priority;
        job.Created = job.Created == default ? listed.Created : job.Created;
        job.Modified = job.Modified == default ? listed.Modified : job.Modified;
    }

    /// <summary>The answer to anything but info and cancel.</summary>
    public static TransferJobException Refusal(Guid jobId, string damage) => new(
        TransferErrorCode.JobDamaged,
        $"Job {jobId} cannot be used: its stored state cannot be read ({damage}). Cancel it with 'xfer job cancel {jobId}'.",
        "id");
}
