using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Http;

/// <summary>The silo's real worker, with each request it is given recorded per job: what a run receives.</summary>
internal sealed class RecordingWorker(ITransferWorker inner, WorkerRequests requests) : ITransferWorker
{
    public TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken)
    {
        requests.Add(request);
        return inner.Start(request, cancellationToken);
    }

    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond) => inner.UpdateJob(jobId, priority, maxBytesPerSecond);
}

/// <summary>The requests the worker was given, per job, in order.</summary>
public sealed class WorkerRequests
{
    private readonly ConcurrentDictionary<Guid, Channel<FileTransferRequest>> _byJob = new();

    public void Add(FileTransferRequest request) => For(request.JobId).Writer.TryWrite(request);

    /// <summary>The job's next request, once its run starts.</summary>
    public async Task<FileTransferRequest> NextAsync(Guid jobId) =>
        await For(jobId).Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

    private Channel<FileTransferRequest> For(Guid jobId) => _byJob.GetOrAdd(jobId, _ => Channel.CreateUnbounded<FileTransferRequest>());
}
