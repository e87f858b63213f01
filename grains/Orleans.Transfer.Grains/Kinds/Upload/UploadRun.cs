using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>
/// The upload of an Upload or UploadReply job's file: its bytes are the job's progress (B52), and each checkpoint's
/// server session is kept with them, so that a run after a restart resumes in it.
/// </summary>
internal sealed partial class UploadRun(Guid jobId, JobFileState file, bool expectReply, UploadSessions sessions, ILogger logger) : IFileRun
{
    public string RemoteUrl => file.RemoteUrl;

    public string LocalPath => file.TempPath;

    public TransferDirection Direction => TransferDirection.Upload;

    public bool ExpectReply => expectReply;

    public FileCheckpoint Checkpoint => UploadFiles.CheckpointOf(file);

    public long BytesTransferred => file.BytesTransferred;

    public long LiveFileBytes(long checkpointed, long live) => Math.Max(checkpointed, live);

    public void Apply(TransferEvent transferEvent)
    {
        FileRun.ApplyTo(file, transferEvent);

        // A checkpoint without a session comes before Create-Session succeeded: the stored one, if any, still holds.
        if (transferEvent.Checkpoint.UploadSession is { } session)
        {
            UploadFiles.KeepSession(file, session);
        }
    }

    /// <summary>
    /// B64: a local file that changed makes its upload worthless. This is where the job forgets it: the session is
    /// cancelled in the background and the bytes dropped, so that Resume sends the file again from byte 0 in a new
    /// session.
    /// </summary>
    public void Failed(TransferFailure failure, FileTransferRequest request)
    {
        if (failure.Code != TransferErrorCode.LocalFileChanged)
        {
            return;
        }

        LogLocalFileChanged(logger, jobId, file.BytesTransferred);
        sessions.Cancel(jobId, file, UploadFiles.UploadRequestOf(request, file, expectReply));
        file.BytesTransferred = 0;
        file.BytesTotal = null;
    }

    public async Task<bool> CompletedAsync(TransferEvent completed, FileTransferRequest request, CancellationToken cancellationToken)
    {
        if (!expectReply)
        {
            // The transport's sink closed the session once the server acknowledged the last byte.
            UploadFiles.ForgetSession(file);
            return true;
        }

        var reply = file.Reply!;
        if (completed.ReplyUrl is not { } replyUrl)
        {
            // A server that answered with no reply (the transport fails a run whose Ack lacks one): the reply is empty.
            LogReplyMissing(logger, jobId);
            reply.BytesTotal = 0;
            reply.BytesTransferred = 0;
            reply.Completed = true;
            await sessions.CloseAsync(jobId, file, UploadFiles.UploadRequestOf(request, file, expectReply), cancellationToken);
            return true;
        }

        LogReplyFound(logger, jobId, file.BytesTransferred);
        reply.Url = replyUrl;
        return false;
    }
}
