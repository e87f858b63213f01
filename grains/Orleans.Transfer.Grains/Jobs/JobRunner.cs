using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The transfer loop: at most one per activation, running on the grain scheduler. It waits for a scheduler slot and,
/// while it holds it, lets a <see cref="JobRunnerFlight"/> drive the worker (which does the I/O on the thread pool and
/// reports through a channel) for up to <see cref="TransferJobOptions.MaxParallelFilesPerJob"/> files at once, completing
/// them in order. Every mutation happens after checking cancellation, because caller operations (Suspend, Cancel,
/// Complete) interleave with the loop at its awaits. <paramref name="silo"/> is this silo (as the catalog names it),
/// <paramref name="isDeclaredDead"/> asks membership about another (<see cref="Cluster.DeclaredDead"/>), and
/// <paramref name="completeTransferred"/> moves a job with CompleteWhenTransferred to Transferred and completes it
/// (<see cref="JobCompletion.TransferAndCompleteAsync"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The run's CancellationTokenSource is disposed by StopAsync, which the grain calls on deactivation.")]
internal sealed partial class JobRunner(
    Guid jobId,
    Func<TransferJobState> job,
    IJobRunHost host,
    IJobShell shell,
    ITransferWorker worker,
    ITransferScheduler scheduler,
    JobKindRegistry kinds,
    JobSecrets secrets,
    JobCostPolicy costs,
    TransferJobOptions options,
    string silo,
    Func<string, bool> isDeclaredDead,
    Func<Task> completeTransferred,
    TimeProvider timeProvider,
    ILogger logger) : ILiveProgress
{
    private CancellationTokenSource? _runCts;
    private Task? _runTask;
    private JobRunnerFlight? _flight;
    private CostWatch? _costWatch;

    // The silo whose worker held the job's temporary files before this activation's first run, when another.
    private string? _previousWorker;

    private TransferJobState Job => job();

    public bool IsRunning => _runTask is { IsCompleted: false };

    // Between checkpoints the worker is ahead of the durable count; callers want to see bytes move.
    public long LiveBytes(int fileIndex, long checkpointed) => _flight?.LiveBytes(fileIndex, checkpointed) ?? checkpointed;

    public JobYieldInfo? LiveYield() => _flight?.LiveYield();

    /// <summary>
    /// The files' requests as runs would carry them, for work outside a run (an upload's Cancel-Session); without
    /// HTTP options when the job's secrets cannot be read, as that work is best effort.
    /// </summary>
    public JobRunRequests PrepareRequests()
    {
        var requests = new JobRunRequests(jobId, job, secrets, NextRunOf(kinds.Get(Job.Type)));
        requests.TryPrepare(out _);
        return requests;
    }

    /// <summary>Starts the loop if the job is runnable and no loop is running.</summary>
    public void StartIfNeeded()
    {
        if (IsRunning || !JobPersistence.IsRunnable(Job.State))
        {
            return;
        }

        _runCts = new CancellationTokenSource();
        shell.KeepActivated(true);
        _runTask = RunAsync(_runCts.Token);
    }

    /// <summary>Stops the loop and waits until the worker no longer touches the job's files.</summary>
    public async Task StopAsync()
    {
        if (_runCts is null || _runTask is null)
        {
            return;
        }

        await _runCts.CancelAsync();
        await _runTask;
        _runCts.Dispose();
        _runCts = null;
        _runTask = null;
    }

    /// <summary>
    /// A change to what the job's requests carry (HTTP options, a file's URL) applies from the next request: a loop that
    /// holds a transfer slot stops, the job queues again with its bytes, and a new loop builds new requests. A loop
    /// still waiting for its slot builds them when it gets it, so it is left alone.
    /// </summary>
    public async Task RestartAsync()
    {
        if (_flight is null)
        {
            return;
        }

        await StopAsync();
        if (Job.State is JobState.Connecting or JobState.Transferring)
        {
            await host.ChangeStateAsync(JobState.Queued);
        }

        StartIfNeeded();
    }

    /// <summary>
    /// B84: takes the update's policy (or the job's priority, hence its default, changed): a transfer stops at once if
    /// the policy no longer allows the cost, and a job waiting for the cost goes on if it now does.
    /// </summary>
    public void ChangeCostPolicy(JobPropertiesUpdate update)
    {
        costs.Apply(update);
        _costWatch?.Change(costs.Effective);
        host.CostPolicyChanged();
    }

    private Func<JobFileState, IFileRun> NextRunOf(IJobKind kind) => file => kind.NextRun(jobId, file);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Job.Files.TrueForAll(f => f.Completed))
                {
                    Job.TransferCompleted = timeProvider.GetUtcNow();
                    if (Job.CompleteWhenTransferred)
                    {
                        // Inside this loop, so Cancel and Complete, which stop the loop first, wait for the moves to end.
                        await completeTransferred();
                    }
                    else
                    {
                        await host.ChangeStateAsync(JobState.Transferred);
                    }

                    LogJobTransferred(logger, jobId, Job.Files.Count);
                    return;
                }

                if (!await TransferWhileScheduledAsync(cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (InconsistentStateException e)
        {
            // The fence: the stored state's version moved on under this activation, so another one (a survivor that took
            // the job over while this silo was cut off) owns it now. This worker stops and writes nothing more.
            LogStaleActivation(logger, e, jobId);
            shell.Deactivate();
        }
        catch (Exception e)
        {
            // Storage or catalog trouble: leave the durable state as it is; the wake-up reminder tries again.
            LogRunFailed(logger, e, jobId);
        }
        finally
        {
            shell.KeepActivated(false);
        }
    }

    /// <summary>
    /// B84: while the job's transfer policy allows the network's cost, transfers as scheduled; when it does not (at the
    /// start, or at any moment of the transfer), stops like a network loss: TransientError with its bytes, no error
    /// counted and no retry time, until the cost or the policy allows it (false).
    /// </summary>
    private async Task<bool> TransferWhileScheduledAsync(CancellationToken cancellationToken)
    {
        using var watch = costs.Watch();
        using var allowed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Stopped);
        _costWatch = watch;
        try
        {
            return await TransferWhileAllowedAsync(allowed.Token);
        }
        catch (OperationCanceledException) when (watch.Stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await host.FailAsync(costs.Failure(watch.StoppedBy!), Math.Max(0, Job.Files.FindIndex(f => !f.Completed)));
            return false;
        }
        finally
        {
            _costWatch = null;
        }
    }

    /// <summary>
    /// Waits for the scheduler's permission, then transfers files until none is left, the job fails (false), or the
    /// scheduler takes the slot back (pre-emption or end of slice), which returns the job to Queued with its bytes.
    /// </summary>
    private async Task<bool> TransferWhileAllowedAsync(CancellationToken allowed)
    {
        using var lease = await scheduler.AcquireAsync(jobId, Job.Priority, allowed);
        using var slot = CancellationTokenSource.CreateLinkedTokenSource(allowed, lease.Revoked);
        var takeOver = await ClaimTempFilesAsync();
        var requests = new JobRunRequests(jobId, job, secrets, NextRunOf(kinds.Get(Job.Type)), takeOver);
        // A job-wide size limit is exact only when its files run one after another (as BITS runs them).
        var parallel = Job.Http?.MaxDownloadBytes is null ? options.MaxParallelFilesPerJob : 1;
        // One cap per lease: every file in flight and every segment of this run shares it.
        var connections = new ServerConnectionCap(options.MaxConnectionsPerServer);
        _flight = new JobRunnerFlight(jobId, job, host, worker, requests, timeProvider, logger, parallel, connections);
        try
        {
            return await _flight.RunAsync(slot.Token);
        }
        catch (OperationCanceledException) when (lease.Revoked.IsCancellationRequested && !allowed.IsCancellationRequested)
        {
            LogYielded(logger, jobId, Job.Priority);
            await host.ChangeStateAsync(JobState.Queued);
        }
        finally
        {
            _flight = null;
        }

        return true;
    }

    /// <summary>
    /// A new job's create write records this silo as its worker silo (<see cref="ClaimTempFilesAsync"/>): the create is
    /// the job's first write, so no older activation can exist to be fenced off, and the job's first run on this
    /// activation needs no write of its own before its first temporary file.
    /// </summary>
    public void RecordCreatingSilo() => Job.WorkerSilo = silo;

    /// <summary>
    /// Records this silo as the job's worker silo, durably, before this activation's first worker opens a temporary
    /// file. That write is also the fence: it moves the state's version on, so an older activation (on a silo that
    /// hung or was cut off) fails its next state write and stops. True when the files may be taken over: the silo that
    /// held them before is declared dead. Asked again at every run, as membership may declare it only later.
    /// </summary>
    private async Task<bool> ClaimTempFilesAsync()
    {
        if (!string.Equals(Job.WorkerSilo, silo, StringComparison.Ordinal))
        {
            _previousWorker = Job.WorkerSilo;
            Job.WorkerSilo = silo;
            await host.PersistAsync();
        }

        if (_previousWorker is not { } previous || !isDeclaredDead(previous))
        {
            return false;
        }

        LogTakingOver(logger, jobId, previous);
        return true;
    }
}
