using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.History;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Grains;

/// <summary>
/// Creates many jobs in one call: each checked as its own create checks it (<see cref="JobCreation"/>), the owners'
/// rights on their paths checked once per owner, then every job's state row, catalog row and claims written in one
/// transaction (<see cref="IJobBatchStore"/>), without activating the jobs. A job grain later reads its row as if it
/// had written it itself. Jobs created to run are woken, as the silo's start-up wakes active jobs. Reentrant: it keeps
/// no state, and a batch spends most of its call waiting for its transaction, during which others are checked.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class JobBatchGrain(
    JobCreation creation,
    ILocalPathChecker localPaths,
    IJobBatchStore store,
    ISecretProtector protector,
    INetworkCostMonitor costMonitor,
    IOptions<CostPolicyOptions> costOptions,
    IOptions<TransferJobOptions> options,
    JobHistoryWriter history,
    ILocalSiloDetails siloDetails,
    TimeProvider timeProvider,
    ILogger<JobBatchGrain> logger) : Grain, IJobBatchGrain
{
    private readonly string _silo = siloDetails.SiloAddress.ToParsableString();

    public async Task<IReadOnlyList<JobInfo>> CreateAsync(IReadOnlyList<NewJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var limits = options.Value;
        if (jobs.Count > limits.MaxJobsPerCreateCall)
        {
            throw JobBatchErrors.TooMany(jobs.Count, limits.MaxJobsPerCreateCall);
        }

        // Everything is checked before anything is written, as a single create checks: bad input creates no job.
        var drafts = Prepare(jobs);
        foreach (var owner in jobs.Select((job, index) => (job.Request.Owner, Index: index)).GroupBy(j => j.Owner, StringComparer.Ordinal))
        {
            await CheckLocalPathsAsync(owner.Key, [.. owner.Select(j => j.Index)], drafts);
        }

        var states = new List<TransferJobState>(jobs.Count);
        var entries = new List<JobBatchEntry<TransferJobState>>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            var (id, request) = (jobs[i].Id, jobs[i].Request);
            var state = new TransferJobState();
            creation.Fill(state, drafts[i]);

            // As the job's own first write: no plain-text secret reaches storage, and this silo is recorded as the
            // worker silo (JobRunner.RecordCreatingSilo): no activation can have run the job before this first write,
            // so a first run here needs no fence write; one on another silo writes itself first, as after a move.
            new JobSecrets(id, () => state, protector, logger).ProtectPlaintext();
            state.WorkerSilo = _silo;
            var claims = state.Files.Select(f => DestinationClaim.Key(state.Owner, f.LocalPath)).ToList();
            var reservation = new JobRowReservation(Projector(id, state).ToCatalogEntry(), OwnerLimit(request, limits), limits.MaxJobs, claims);
            states.Add(state);
            entries.Add(new JobBatchEntry<TransferJobState>(GrainFactory.GetGrain<ITransferJobGrain>(id).GetGrainId(), state, reservation));
        }

        if (await store.CreateAsync(entries) is { } refusal)
        {
            throw JobBatchErrors.Refused(refusal, jobs, [.. states[refusal.Index].Files.Select(f => f.LocalPath)]);
        }

        // Not counted in the jobs-by-state gauge: it counts activations, and each job counts itself when it activates.
        LogBatchCreated(logger, jobs.Count);
        var infos = new List<JobInfo>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            var (id, state) = (jobs[i].Id, states[i]);
            history.Append(new JobHistoryRecord(id, timeProvider.GetUtcNow(), JobHistoryKind.Created, state.State, null, JobCreation.CreatedMessage(state, state.State)));
            LogJobCreated(logger, id, state.DisplayName, state.Owner);
            infos.Add(Projector(id, state).ToInfo());
        }

        await Task.WhenAll(jobs.Where((_, i) => JobPersistence.NeedsWakeUp(states[i])).Select(j => WakeAsync(j.Id)));
        return infos;
    }

    /// <summary>As the single create: administrators and trusted services have their own, larger quota.</summary>
    private static int OwnerLimit(CreateJobRequest request, TransferJobOptions limits) =>
        request.Elevated ? limits.MaxJobsPerAdministrator : limits.MaxJobsPerOwner;

    /// <summary>Each job checked as its own create checks it, then the batch's ids and claims against each other.</summary>
    private List<JobDraft> Prepare(IReadOnlyList<NewJob> jobs)
    {
        var drafts = new List<JobDraft>(jobs.Count);
        var ids = new Dictionary<Guid, int>();
        var claims = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (jobs[i] is not { Request: { } request } job)
            {
                throw JobBatchErrors.Missing(i);
            }

            if (!ids.TryAdd(job.Id, i))
            {
                throw JobBatchErrors.SameId(i, ids[job.Id], job.Id);
            }

            try
            {
                // The draft's secrets are encrypted as they are checked; the state they go into is filled in later.
                drafts.Add(creation.Prepare(job.Id, request, new JobSecrets(job.Id, () => new TransferJobState(), protector, logger)));
            }
            catch (TransferJobException e)
            {
                throw JobBatchErrors.ForJob(i, e);
            }

            for (var f = 0; f < drafts[i].Files.Count; f++)
            {
                var path = drafts[i].Files[f].LocalPath;
                if (!claims.TryAdd(DestinationClaim.Key(request.Owner, path), i))
                {
                    throw JobBatchErrors.SameDestination(i, f, path, claims[DestinationClaim.Key(request.Owner, path)]);
                }
            }
        }

        return drafts;
    }

    /// <summary>The owner's rights on all its jobs' local paths, in one trip; a refusal names the job and its field.</summary>
    private async Task CheckLocalPathsAsync(string owner, List<int> indexes, List<JobDraft> drafts)
    {
        var checks = indexes
            .SelectMany(i => drafts[i].LocalPaths.Select(c => c with { Field = $"{JobBatchErrors.Job(i)}.{c.Field}" }))
            .ToList();
        try
        {
            await localPaths.CheckAsync(owner, checks);
        }
        catch (TransferJobException e) when (e.Field is not { } field || !field.StartsWith("jobs[", StringComparison.Ordinal))
        {
            // Not about a path: about the owner, said of its first job.
            throw JobBatchErrors.ForJob(indexes[0], e);
        }
    }

    private JobProjector Projector(Guid id, TransferJobState state) =>
        new(id, () => state, StoredProgress.Instance, new JobCostPolicy(id, () => state, costMonitor, costOptions.Value), _silo);

    /// <summary>
    /// Activates a job created to run, which starts it. A failed wake-up leaves a created job that is not yet running:
    /// the silo's start-up wake-up of active jobs (or any call to the job) starts it, so the call still succeeds.
    /// </summary>
    private async Task WakeAsync(Guid id)
    {
        try
        {
            await GrainFactory.GetGrain<IJobHousekeepingGrain>(id).WakeUpAsync();
        }
        catch (Exception e)
        {
            LogWakeFailed(logger, e, id);
        }
    }
}
