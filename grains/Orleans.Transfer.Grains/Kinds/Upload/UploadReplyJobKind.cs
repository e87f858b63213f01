using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>
/// UploadReply jobs (B02, B03, B41, B52, B107): an Upload whose server application answers. The file's first run
/// uploads it; once the server acknowledged the last byte with a reply URL, its second run downloads the reply into a
/// hidden temporary file beside the reply path, and the job closes the session. Complete renames the reply into place
/// (as downloads do); Cancel cancels an open session and deletes the reply's temporary file.
/// </summary>
internal sealed partial class UploadReplyJobKind(
    ITransportRegistry transports,
    IFileFinisher finisher,
    IEnumerable<IUploadSessionControl> sessionControls,
    ILogger<UploadSessions> logger) : IJobKind
{
    private readonly UploadSessions _sessions = new(sessionControls, logger);

    public JobType Type => JobType.UploadReply;

    public bool CompletesOnlyWhenTransferred => true;

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files) =>
        CreateFiles(jobId, files, new JobFilesContext(0, null));

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files, JobFilesContext context) =>
        UploadFiles.Create(Type, jobId, files, context, transports, withReply: true);

    public string? PrepareReplyPath(string? replyPath) =>
        replyPath is null ? null : LocalPathValidator.Validate(replyPath, "replyPath");

    public TransferDirection DirectionOf(JobFileState file) => TransferDirection.Upload;

    public IFileRun NextRun(Guid jobId, JobFileState file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Reply is { Url: not null }
            ? new ReplyRun(jobId, file, _sessions)
            : new UploadRun(jobId, file, expectReply: true, _sessions, logger);
    }

    public async Task KeepAsync(Guid jobId, string owner, JobFileState file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reply = file.Reply!;
        if (!reply.InPlace)
        {
            try
            {
                await finisher.MoveIntoPlaceAsync(owner, reply.TempPath, reply.Path);
            }
            catch (TransferJobException e) when (e.Code is TransferErrorCode.RenameFailed or TransferErrorCode.DestinationNotRegularFile)
            {
                throw new TransferJobException(
                    e.Code,
                    $"replyPath: {e.Message} Fix the cause and complete the job again, or cancel it.",
                    "replyPath");
            }

            reply.InPlace = true;
        }

        file.InPlace = true;
    }

    public async Task DiscardAsync(Guid jobId, string owner, JobFileState file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Reply is { InPlace: false } reply && await finisher.DeleteAsync(owner, reply.TempPath) is { } failure)
        {
            LogReplyTempNotDeleted(logger, failure, jobId, reply.TempPath);
        }
    }

    public void ReleaseRemote(Guid jobId, JobFileState file, FileTransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(file);
        _sessions.Cancel(jobId, file, UploadFiles.UploadRequestOf(request, file, withReply: true));
    }
}
