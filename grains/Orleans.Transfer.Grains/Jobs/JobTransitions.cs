using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// State changes and failures of one job: the state machine's check, MaxDownloadTime's clock, the event, the write
/// (skipped between runnable states), the wake-up reminder around it, the long-poll signal, the metrics, and the
/// retry policy's decision carried out.
/// </summary>
internal sealed partial class JobTransitions(
    Guid jobId,
    Func<TransferJobState> job,
    IJobShell shell,
    JobNotifier notifier,
    JobHistory history,
    JobPersistence persistence,
    INetworkMonitor network,
    JobCostPolicy costs,
    TransferInstruments instruments,
    TimeProvider timeProvider,
    ILogger logger) : IJobRunHost
{
    private TransferJobState Job => job();

    public Task ChangeStateAsync(JobState target) => ChangeStateAsync(target, deferWrite: false);

    /// <param name="target">The new state.</param>
    /// <param name="deferWrite">
    /// Leave the write to the next state change unless the change queued a notification (whose delivery must survive a
    /// crash): the caller makes that change itself, and a crash before it takes this one back.
    /// </param>
    public async Task ChangeStateAsync(JobState target, bool deferWrite)
    {
        if (!JobStateMachine.CanTransition(Job.State, target))
        {
            throw new TransferJobException(TransferErrorCode.InvalidState, $"Job {jobId} cannot move from {Job.State} to {target}.");
        }

        var from = Job.State;
        LogStateChanged(logger, jobId, from, target);
        DownloadTimeBudget.Track(Job, from, target, timeProvider.GetUtcNow());
        Job.State = target;

        // A failed completion's mark speaks of the Transferred state it was set in: after Complete or Cancel it means
        // nothing, and a job transferred again (files added) is completed by the service again.
        Job.CompletionFailed = false;
        if (target == JobState.Acknowledged)
        {
            // BITS removes an acknowledged job, so no error of it is read again; ours stays listed, without the error
            // of a completion that failed before this one succeeded (B30; the history keeps it).
            Job.Error = null;
        }

        history.Record(JobHistoryKind.StateChanged, StateChangeMessage(from, target));
        instruments.JobStateChanged(from, target);
        var outboxGrew = Raise(JobNotifier.EventFor(target));
        if ((deferWrite && !outboxGrew) || !JobPersistence.NeedsWrite(from, target, outboxGrew))
        {
            notifier.SignalChanged();
            return;
        }

        // The catalog row goes in the same transaction as every state change (JobPersistence.PersistAsync), so a job
        // that starts needing to be woken is listed as active exactly when its state says so: the silo's start-up
        // wake-up never misses one whose reminder comes later, if at all (JobWakeUp). A job that ended releases its
        // destination claims in that transaction too.
        await persistence.PersistAsync(releaseDestinations: target.IsFinal());
        await shell.UpdateWakeUpAsync();

        notifier.SignalChanged();
    }

    public async Task FailAsync(TransferFailure failure, int fileIndex)
    {
        var decision = RetryPolicy.Decide(Job, failure, fileIndex, timeProvider.GetUtcNow());
        decision.ApplyTo(Job);
        switch (decision.Outcome)
        {
            case RetryOutcome.Error:
                LogJobFailed(logger, jobId, fileIndex, decision.Error.Code, failure.Message);
                history.Record(JobHistoryKind.Error, $"{failure.Context} error on file {fileIndex}: {failure.Message}", decision.Error.Code, JobState.Error);
                await ChangeStateAsync(JobState.Error);
                return;
            case RetryOutcome.WaitForNetwork:
                LogWaitingForNetwork(logger, jobId, fileIndex);
                history.Record(JobHistoryKind.Retry, $"No network for file {fileIndex}: {failure.Message}; retrying when the network returns", failure.Code, JobState.TransientError);
                await ChangeStateAsync(JobState.TransientError);

                // The network may have returned while the state was written, before the job counted as waiting.
                if (network.IsAvailable)
                {
                    shell.ArmRetryTimer();
                }

                return;
            case RetryOutcome.WaitForCost:
                LogWaitingForCost(logger, jobId, decision.Error.Message);
                history.Record(JobHistoryKind.Retry, $"{decision.Error.Message}; retrying when the network's cost allows", decision.Error.Code, JobState.TransientError);
                await ChangeStateAsync(JobState.TransientError);

                // The cost or the policy may have changed while the state was written.
                if (costs.AllowsNow)
                {
                    shell.ArmRetryTimer();
                }

                return;
            case RetryOutcome.TransientError:
                instruments.Retry(failure.Code, "job");
                LogTransientError(logger, jobId, fileIndex, failure.Code, failure.Message, decision.NextRetryAt!.Value);
                history.Record(
                    JobHistoryKind.Retry,
                    $"{failure.Context} error on file {fileIndex}: {failure.Message}; retrying at {decision.NextRetryAt.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z",
                    failure.Code,
                    JobState.TransientError);
                break;
        }

        await ChangeStateAsync(JobState.TransientError);
        shell.ArmRetryTimer();
    }

    public Task PersistAsync() => persistence.PersistAsync();

    /// <summary>B84: a job waiting for the network's cost goes on at once when its changed policy allows the cost now.</summary>
    public void CostPolicyChanged()
    {
        if (JobCostPolicy.WaitsForCost(Job) && costs.AllowsNow)
        {
            shell.ArmRetryTimer();
        }
    }

    public async Task FileTransferredAsync(int fileIndex)
    {
        var outboxGrew = Raise(JobEventKind.FileTransferred, fileIndex);
        if (persistence.ProgressWriteDue || outboxGrew)
        {
            await persistence.PersistAsync();
        }
    }

    // Transferred says how many files: per-file entries are not recorded (JobHistory).
    private string StateChangeMessage(JobState from, JobState target) => target == JobState.Transferred
        ? $"{from} -> {target}: {Job.Files.Count} file(s) transferred"
        : $"{from} -> {target}";

    /// <summary>Raises an event; when it queued a notification, the delivery timer is armed (the next write keeps it).</summary>
    public bool Raise(JobEventKind kind, int? fileIndex = null)
    {
        var outboxGrew = notifier.Raise(kind, fileIndex);
        if (outboxGrew)
        {
            shell.ArmNotificationTimer();
        }

        return outboxGrew;
    }
}
