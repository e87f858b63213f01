using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The end of a caller's change to what a job's requests carry (HTTP options, remote URLs): the event, the write, and
/// a restart of a run in progress so that the change applies from the next request.
/// </summary>
internal sealed class JobChanges(
    Func<TransferJobState> job,
    JobTransitions transitions,
    JobHistory history,
    JobPersistence persistence,
    JobRunner runner,
    JobProjector projector,
    TimeProvider timeProvider)
{
    /// <summary>The job as it is, for an operation that found nothing to change.</summary>
    public JobInfo Info() => projector.ToInfo();

    public async Task<JobInfo> CommitAsync()
    {
        job().LastActivityAt = timeProvider.GetUtcNow();
        transitions.Raise(JobEventKind.JobModification);
        history.Record(JobHistoryKind.PropertiesChanged, "Request options changed (HTTP options, credentials or remote URLs)");
        await persistence.PersistAsync();
        await runner.RestartAsync();
        return projector.ToInfo();
    }
}
