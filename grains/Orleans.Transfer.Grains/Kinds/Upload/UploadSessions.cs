using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>
/// Close-Session and Cancel-Session outside a run, through the BITS upload transport's
/// <see cref="IUploadSessionControl"/>. A silo without that transport has none, and no upload job could have opened a
/// session there: the packets are then skipped with a warning. Session ids are never logged: with the upload URL they
/// address the server's partial file.
/// </summary>
internal sealed partial class UploadSessions(IEnumerable<IUploadSessionControl> controls, ILogger<UploadSessions> logger)
{
    private readonly IUploadSessionControl? _control = controls.LastOrDefault();

    /// <summary>B36: cancels the file's open session in the background, and forgets it.</summary>
    public void Cancel(Guid jobId, JobFileState file, FileTransferRequest uploadRequest)
    {
        if (UploadFiles.SessionOf(file) is not { } session)
        {
            return;
        }

        UploadFiles.ForgetSession(file);
        if (_control is null)
        {
            LogControlMissing(logger, jobId, "Cancel-Session");
            return;
        }

        LogCancelling(logger, jobId);
        _control.CancelInBackground(uploadRequest, session);
    }

    /// <summary>
    /// Closes the file's session once its reply is in, and forgets it. A failure, or the flight stopping meanwhile, is
    /// logged and not the job's: the reply is in, and the server's session timeout frees the session.
    /// </summary>
    public async Task CloseAsync(Guid jobId, JobFileState file, FileTransferRequest uploadRequest, CancellationToken cancellationToken)
    {
        if (UploadFiles.SessionOf(file) is not { } session)
        {
            return;
        }

        UploadFiles.ForgetSession(file);
        if (_control is null)
        {
            LogControlMissing(logger, jobId, "Close-Session");
            return;
        }

        try
        {
            if (await _control.CloseAsync(uploadRequest, session, cancellationToken) is { } failure)
            {
                LogCloseFailed(logger, jobId, failure.Code, failure.Message);
                return;
            }

            LogClosed(logger, jobId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCloseFailed(logger, jobId, TransferErrorCode.None, "the job stopped before the server answered");
        }
    }
}
