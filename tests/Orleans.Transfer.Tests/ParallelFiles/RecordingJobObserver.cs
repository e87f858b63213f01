using System.Collections.Concurrent;

namespace Orleans.Transfer.Tests.ParallelFiles;

/// <summary>Records a job's events in the order they arrive and signals when the job is Transferred or in Error.</summary>
internal sealed class RecordingJobObserver : ITransferJobObserver
{
    public ConcurrentQueue<JobEvent> Events { get; } = new();

    public TaskCompletionSource<JobEventKind> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<int?> FilesTransferred => [.. Events.Where(e => e.Kind == JobEventKind.FileTransferred).Select(e => e.FileIndex)];

    public Task OnJobEvent(JobEvent jobEvent)
    {
        Events.Enqueue(jobEvent);
        if (jobEvent.Kind is JobEventKind.JobTransferred or JobEventKind.JobError)
        {
            Settled.TrySetResult(jobEvent.Kind);
        }

        return Task.CompletedTask;
    }
}
