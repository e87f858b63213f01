using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>A run host that logs each call and applies state changes to the job, as the grain's transitions would.</summary>
internal sealed class RecordingRunHost(TransferJobState job, RunLog log) : IJobRunHost
{
    public Task ChangeStateAsync(JobState target)
    {
        job.State = target;
        log.Add($"state {target}");
        return Task.CompletedTask;
    }

    public Task FailAsync(TransferFailure failure, int fileIndex)
    {
        log.Add($"fail {fileIndex} {failure.Code}");
        return Task.CompletedTask;
    }

    public Task PersistAsync()
    {
        log.Add("persist");
        return Task.CompletedTask;
    }

    public void CostPolicyChanged()
    {
    }

    public Task FileTransferredAsync(int fileIndex)
    {
        log.Add($"transferred {fileIndex}");
        return Task.CompletedTask;
    }
}
