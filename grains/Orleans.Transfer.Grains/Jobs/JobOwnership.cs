using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>Moves a job to another owner, with the owner's claims and secrets (B96).</summary>
internal sealed partial class JobOwnership(
    Guid jobId,
    Func<TransferJobState> job,
    JobTransitions transitions,
    JobHistory history,
    JobRunner runner,
    JobPersistence persistence,
    JobProjector projector,
    JobHttp http,
    JobCompletion completion,
    TransferJobOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly JobReservations reservations = new(job, persistence, completion, options);

    private TransferJobState Job => job();

    /// <summary>
    /// bitsadmin /takeownership: the job stays as it is; its unfinished destinations are claimed for the new owner
    /// first, so a path that owner already uses refuses the change and leaves the old claims in place. As in BITS
    /// (B96) the notify command is removed (it would run as the new owner, with what the old one wrote), and so are the
    /// credentials, custom headers and client certificate: the old owner's secrets.
    /// </summary>
    public async Task<JobInfo> TakeAsync(string newOwner)
    {
        JobInputValidator.ValidateOwner(newOwner, "newOwner");
        if (newOwner == Job.Owner)
        {
            return projector.ToInfo();
        }

        if (!Job.State.IsFinal())
        {
            try
            {
                await persistence.ReleaseDestinationsAsync();
                try
                {
                    await reservations.ClaimDestinationsAsync(newOwner, Job.Files.Where(f => !f.InPlace).ToList());
                }
                catch (TransferJobException)
                {
                    await reservations.ClaimDestinationsAsync(Job.Owner, Job.Files.Where(f => !f.InPlace).ToList());
                    throw;
                }
            }
            finally
            {
                // The run loop went on at those awaits: a job that completed itself meanwhile holds no claims.
                await reservations.ReleaseIfEndedAsync();
            }
        }

        var previous = Job.Owner;
        Job.Owner = newOwner;
        if (Job.Notifications is { CommandProgram: not null } notifications)
        {
            Job.Notifications = notifications with { CommandProgram = null, CommandArguments = null };
        }

        var stripped = http.StripSecrets();

        Job.LastActivityAt = timeProvider.GetUtcNow();
        transitions.Raise(JobEventKind.JobModification);
        persistence.CatalogRowChanged();
        await persistence.PersistAsync();
        history.Record(JobHistoryKind.OwnershipTaken, $"Ownership taken: {previous} -> {newOwner}");
        LogOwnershipTaken(logger, jobId, previous, newOwner);
        if (stripped)
        {
            // A run in progress still holds them in memory.
            await runner.RestartAsync();
        }

        return projector.ToInfo();
    }
}
