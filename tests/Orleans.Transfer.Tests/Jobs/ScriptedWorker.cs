using System.Collections.Concurrent;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>A transfer worker whose runs the test scripts; each start is logged and can be awaited.</summary>
internal sealed class ScriptedWorker(RunLog log) : ITransferWorker
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<ScriptedRun>> _started = new();

    /// <summary>The run of file <paramref name="fileIndex"/>, once the loop has started it.</summary>
    public Task<ScriptedRun> StartedAsync(int fileIndex) => Started(fileIndex).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken)
    {
        var run = new ScriptedRun(request, cancellationToken);
        log.Add($"start {request.FileIndex}");
        Started(request.FileIndex).TrySetResult(run);
        return run.Run;
    }

    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond)
    {
    }

    private TaskCompletionSource<ScriptedRun> Started(int fileIndex) =>
        _started.GetOrAdd(fileIndex, _ => new TaskCompletionSource<ScriptedRun>(TaskCreationOptions.RunContinuationsAsynchronously));
}
