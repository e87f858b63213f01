using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Transfer.Tests.Jobs;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>The upload runs and download requests the worker was given, per job, in order.</summary>
internal sealed class UploadRuns
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<Guid, Channel<ScriptedRun>> _uploads = new();
    private readonly ConcurrentDictionary<Guid, Channel<FileTransferRequest>> _downloads = new();

    public void AddUpload(ScriptedRun run) => For(_uploads, run.Request.JobId).Writer.TryWrite(run);

    public void AddDownload(FileTransferRequest request) => For(_downloads, request.JobId).Writer.TryWrite(request);

    /// <summary>The job's next upload run, once the grain starts it.</summary>
    public async Task<ScriptedRun> NextUploadAsync(Guid jobId) => await For(_uploads, jobId).Reader.ReadAsync().AsTask().WaitAsync(s_wait);

    /// <summary>The job's next download request (a reply's), once the grain starts it.</summary>
    public async Task<FileTransferRequest> NextDownloadAsync(Guid jobId) => await For(_downloads, jobId).Reader.ReadAsync().AsTask().WaitAsync(s_wait);

    private static Channel<T> For<T>(ConcurrentDictionary<Guid, Channel<T>> byJob, Guid jobId) =>
        byJob.GetOrAdd(jobId, _ => Channel.CreateUnbounded<T>());
}
