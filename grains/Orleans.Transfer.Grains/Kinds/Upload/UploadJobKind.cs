using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>
/// Upload jobs (B02, B03): one local file sent to a BITS upload server or written to a file share. The file is sent as
/// it is, read with the owner's rights (B20), so there is no local temporary data: Complete has nothing to move, and
/// Cancel cancels the server's session if one is open and deletes what the upload left on the remote (a share's
/// temporary file; B36, B44). The local file is the owner's and is never deleted.
/// </summary>
internal sealed class UploadJobKind(
    ITransportRegistry transports,
    IEnumerable<IUploadSessionControl> sessionControls,
    IUploadCleanup cleanup,
    ILogger<UploadSessions> logger) : IJobKind
{
    private readonly UploadSessions _sessions = new(sessionControls, logger);

    public JobType Type => JobType.Upload;

    public bool CompletesOnlyWhenTransferred => true;

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files) =>
        CreateFiles(jobId, files, new JobFilesContext(0, null));

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files, JobFilesContext context) =>
        UploadFiles.Create(Type, jobId, files, context, transports, withReply: false);

    public TransferDirection DirectionOf(JobFileState file) => TransferDirection.Upload;

    public IFileRun NextRun(Guid jobId, JobFileState file) => new UploadRun(jobId, file, expectReply: false, _sessions, logger);

    public Task KeepAsync(Guid jobId, string owner, JobFileState file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.InPlace = true;
        return Task.CompletedTask;
    }

    public Task DiscardAsync(Guid jobId, string owner, JobFileState file) => Task.CompletedTask;

    public void ReleaseRemote(Guid jobId, JobFileState file, FileTransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(file);
        var upload = UploadFiles.UploadRequestOf(request, file, withReply: false);
        _sessions.Cancel(jobId, file, upload);
        cleanup.DiscardInBackground(upload);
    }
}
