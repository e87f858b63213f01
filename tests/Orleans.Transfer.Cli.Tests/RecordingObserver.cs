using System.Collections.Concurrent;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Records a job's events and signals when the job is Transferred or in Error.</summary>
internal sealed class RecordingObserver : ITransferJobObserver
{
    public ConcurrentQueue<JobEventKind> Events { get; } = new();

    public TaskCompletionSource<JobEventKind> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task OnJobEvent(JobEvent jobEvent)
    {
        var kind = jobEvent.Kind;
        Events.Enqueue(kind);
        if (kind is JobEventKind.JobTransferred or JobEventKind.JobError)
        {
            Settled.TrySetResult(kind);
        }

        return Task.CompletedTask;
    }
}
