using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>What the run loop asks of its job: state changes, failures, writes and events all go through the grain.</summary>
internal interface IJobRunHost
{
    Task ChangeStateAsync(JobState target);

    /// <summary>Records a failed file and moves the job to TransientError or Error.</summary>
    Task FailAsync(TransferFailure failure, int fileIndex);

    /// <summary>Writes a checkpoint.</summary>
    Task PersistAsync();

    /// <summary>Raises FileTransferred and writes it when a write is due or a notification was queued.</summary>
    Task FileTransferredAsync(int fileIndex);

    /// <summary>The job's transfer policy changed: a job waiting for the network's cost retries if the policy now allows it.</summary>
    void CostPolicyChanged();
}
