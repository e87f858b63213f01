using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// What a job holds in the catalog besides its row's content: its place within the job limits (B101, B102) and the
/// destinations it claims, each refused with the error the caller must see.
/// </summary>
internal sealed class JobReservations(Func<TransferJobState> job, JobPersistence persistence, JobCompletion completion, TransferJobOptions options)
{
    private TransferJobState Job => job();

    /// <summary>
    /// Writes the new job: its state, its catalog row counted against the quotas (exact under concurrent creates) and its
    /// destination claims, in one transaction (<see cref="JobPersistence.CreateAsync"/>); a refusal throws the error
    /// the caller must see and wrote nothing. Elevated callers (administrators, trusted services) have their own, larger
    /// quota.
    /// </summary>
    public async Task CreateAsync(bool elevated)
    {
        var (limit, setting) = elevated
            ? (options.MaxJobsPerAdministrator, nameof(TransferJobOptions.MaxJobsPerAdministrator))
            : (options.MaxJobsPerOwner, nameof(TransferJobOptions.MaxJobsPerOwner));
        var paths = Job.Files.Select(f => f.LocalPath).ToList();
        var reservation = await persistence.CreateAsync(limit, options.MaxJobs, [.. paths.Select(p => DestinationClaim.Key(Job.Owner, p))]);
        switch (reservation.Outcome)
        {
            case JobReservationOutcome.OwnerLimitReached:
                throw new TransferJobException(
                    TransferErrorCode.TooManyJobsPerOwner,
                    $"{Job.Owner} already has {reservation.Unfinished} unfinished jobs, the limit ({TransferJobOptions.SectionName}:{setting}); complete or cancel some first.",
                    "owner");
            case JobReservationOutcome.ServiceLimitReached:
                throw new TransferJobException(
                    TransferErrorCode.TooManyJobs,
                    $"The service already holds {reservation.Unfinished} unfinished jobs, the limit ({TransferJobOptions.SectionName}:MaxJobs); complete or cancel some first.");
            case JobReservationOutcome.DestinationTaken:
                throw DestinationInUse(paths, reservation.TakenDestination!);
        }
    }

    /// <summary>Claims added files' destinations for the job's owner, all or none.</summary>
    public async Task ClaimDestinationsAsync(string owner, IReadOnlyList<JobFileState> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        var paths = files.Select(f => f.LocalPath).ToList();
        if (await persistence.TryClaimDestinationsAsync(paths.Select(p => DestinationClaim.Key(owner, p)).ToList()) is { } taken)
        {
            throw DestinationInUse(paths, taken);
        }
    }

    /// <summary>
    /// After claims made while the run loop went on (its completion waited for): a job that ended meanwhile released
    /// what it held in its final write, and claims made after that write would outlive the job and block those paths
    /// for good, so an ended job's claims are released again.
    /// </summary>
    public async Task ReleaseIfEndedAsync()
    {
        await completion.WhenIdleAsync();
        if (Job.State.IsFinal())
        {
            await persistence.ReleaseDestinationsAsync();
        }
    }

    /// <summary>The error for <paramref name="takenClaim"/>, one of the job's claims of <paramref name="paths"/> (its files' local paths).</summary>
    public static TransferJobException DestinationInUse(List<string> paths, string takenClaim)
    {
        var index = paths.IndexOf(DestinationClaim.PathOf(takenClaim));
        return new TransferJobException(
            TransferErrorCode.DestinationInUse,
            $"files[{index}].localPath '{paths[index]}' is the destination of another unfinished job of the same owner; complete or cancel that job, or choose another path.",
            $"files[{index}].localPath");
    }
}
