using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>The upload session packets a job sends outside its runs, recorded per job; Close-Session answers as the test says.</summary>
internal sealed class RecordingSessionControl : IUploadSessionControl
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<Guid, Channel<(string Packet, FileTransferRequest Request, UploadSessionRef Session)>> _byJob = new();

    /// <summary>What Close-Session returns: null for an acknowledged close.</summary>
    public TransferFailure? CloseFailure { get; set; }

    public Task<TransferFailure?> CloseAsync(FileTransferRequest request, UploadSessionRef session, CancellationToken cancellationToken)
    {
        For(request.JobId).Writer.TryWrite(("close", request, session));
        return Task.FromResult(CloseFailure);
    }

    public void CancelInBackground(FileTransferRequest request, UploadSessionRef session) =>
        For(request.JobId).Writer.TryWrite(("cancel", request, session));

    /// <summary>The job's next packet.</summary>
    public async Task<(string Packet, FileTransferRequest Request, UploadSessionRef Session)> NextAsync(Guid jobId) =>
        await For(jobId).Reader.ReadAsync().AsTask().WaitAsync(s_wait);

    /// <summary>True when the job sent a packet not yet read.</summary>
    public bool HasMore(Guid jobId) => For(jobId).Reader.TryPeek(out _);

    private Channel<(string, FileTransferRequest, UploadSessionRef)> For(Guid jobId) =>
        _byJob.GetOrAdd(jobId, _ => Channel.CreateUnbounded<(string, FileTransferRequest, UploadSessionRef)>());
}
