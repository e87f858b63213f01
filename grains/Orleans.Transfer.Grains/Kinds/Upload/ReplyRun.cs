using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>
/// The download of an UploadReply job's reply once its upload is in, into the reply's temporary file; its progress
/// is the reply's (B52), not the job's. When it completes the job closes the upload's session, then the file is done.
/// </summary>
internal sealed class ReplyRun(Guid jobId, JobFileState file, UploadSessions sessions) : IFileRun
{
    private JobReplyState Reply => file.Reply!;

    public string RemoteUrl => Reply.Url!;

    public string LocalPath => Reply.TempPath;

    public TransferDirection Direction => TransferDirection.Download;

    public bool ExpectReply => false;

    public FileCheckpoint Checkpoint =>
        new(Reply.BytesTransferred, Reply.BytesTotal, Reply.ETag, Reply.LastModified, Reply.RangeUnsupported,
            Reply is { TempFileDevice: { } device, TempFileInode: { } inode } ? new FileIdentity(device, inode) : null,
            Segments: JobSegments.ToCheckpoint(Reply.Segments));

    public long BytesTransferred => Reply.BytesTransferred;

    public long LiveFileBytes(long checkpointed, long live) => checkpointed;

    public void Apply(TransferEvent transferEvent)
    {
        var checkpoint = transferEvent.Checkpoint;
        Reply.BytesTransferred = checkpoint.BytesWritten;
        Reply.BytesTotal = checkpoint.BytesTotal;
        Reply.ETag = checkpoint.ETag;
        Reply.LastModified = checkpoint.LastModified;
        Reply.RangeUnsupported = checkpoint.RangeUnsupported;
        Reply.TempFileDevice = checkpoint.TempFile?.Device;
        Reply.TempFileInode = checkpoint.TempFile?.Inode;
        Reply.Segments = JobSegments.ToState(checkpoint.Segments);
        file.Note = transferEvent.Note ?? file.Note;
    }

    public void Failed(TransferFailure failure, FileTransferRequest request)
    {
        // As for a file too large: its partial data was deleted.
        if (failure.Code == TransferErrorCode.TooLarge)
        {
            Reply.BytesTransferred = 0;
            Reply.Segments = null;
        }
    }

    public async Task<bool> CompletedAsync(TransferEvent completed, FileTransferRequest request, CancellationToken cancellationToken)
    {
        Reply.Completed = true;
        await sessions.CloseAsync(jobId, file, UploadFiles.UploadRequestOf(request, file, withReply: true), cancellationToken);
        return true;
    }
}
