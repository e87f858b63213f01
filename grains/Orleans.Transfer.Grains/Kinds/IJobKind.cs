using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>
/// What differs between job kinds (Download, Upload, UploadReply): how files are validated and where their temporary
/// data lives, what each run of a file is, what Complete does with a finished file and what cleaning up an unfinished
/// one means.
/// The job grain and its run loop are the same for every kind. Register one with
/// <see cref="JobKindServiceCollectionExtensions.AddJobKind{TKind}"/>. Methods that touch files must not block the
/// grain scheduler: they run their I/O elsewhere (the worker's <c>IFileFinisher</c>) and return a task.
/// </summary>
public interface IJobKind
{
    /// <summary>The job type this kind handles.</summary>
    JobType Type { get; }

    /// <summary>
    /// Validates files to add to job <paramref name="jobId"/> and returns their initial state, temporary path
    /// included. Throws <see cref="TransferJobException"/> naming the field (<c>files[i].remoteUrl</c>, ...) with
    /// i the index in <paramref name="files"/>; validation changes nothing anywhere.
    /// </summary>
    IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files);

    /// <summary>
    /// <see cref="CreateFiles(Guid, IReadOnlyList{FileSpec})"/> for a job as <paramref name="context"/> describes it: a
    /// kind with a file limit (B03) or a reply checks them here. By default the context changes nothing.
    /// </summary>
    IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files, JobFilesContext context) =>
        CreateFiles(jobId, files);

    /// <summary>
    /// The local paths of <paramref name="files"/> (as <see cref="CreateFiles(Guid, IReadOnlyList{FileSpec})"/> made
    /// them) and of a new job's <paramref name="replyPath"/> that the job's owner must be able to use, each with its
    /// request field. The grain has them checked with the owner's rights, off the grain scheduler, before anything is
    /// written. By default every file's local path and the reply path (<see cref="LocalPathChecks.Of"/>); a kind without
    /// local paths returns none and pays nothing.
    /// </summary>
    IReadOnlyList<LocalPathCheck> LocalPaths(IReadOnlyList<JobFileState> files, string? replyPath) => LocalPathChecks.Of(files, replyPath);

    /// <summary>
    /// Checks a new job's reply path (<see cref="CreateJobRequest.ReplyPath"/>) and returns the form to store. Only
    /// a kind with a reply takes one: by default a path is refused (InvalidArgument, field <c>replyPath</c>).
    /// </summary>
    string? PrepareReplyPath(string? replyPath) => replyPath is null
        ? null
        : throw new TransferJobException(
            TransferErrorCode.InvalidArgument,
            $"replyPath is only for UploadReply jobs, and this is a {Type} job; leave it out, or create an UploadReply job.",
            "replyPath");

    /// <summary>
    /// Which way the file's bytes go in its next run, carried to the worker in the request: a download job's files
    /// download; an upload job's file uploads (and an upload-reply job's reply downloads).
    /// </summary>
    TransferDirection DirectionOf(JobFileState file);

    /// <summary>
    /// The next run of unfinished file <paramref name="file"/> of job <paramref name="jobId"/>: which remote, local path, direction and checkpoint
    /// the worker's request carries, and where the run's events go. By default the file's one run in
    /// <see cref="DirectionOf"/>.
    /// </summary>
    IFileRun NextRun(Guid jobId, JobFileState file) => new FileRun(file, DirectionOf(file));

    /// <summary>
    /// Cancel (B36): lets go of what an unfinished file holds on its remote, such as an upload's open session, in the
    /// background; <paramref name="request"/> is the file's request as its runs carry it (owner, HTTP options). By
    /// default nothing.
    /// </summary>
    void ReleaseRemote(Guid jobId, JobFileState file, FileTransferRequest request)
    {
    }

    /// <summary>
    /// Complete (B26, B43): makes finished file <paramref name="index"/> final and sets <see cref="JobFileState.InPlace"/>.
    /// On failure throws <see cref="TransferJobException"/> (RenameFailed, B30; DestinationNotRegularFile) and leaves
    /// the file as it was. Files are touched with the rights of the job's <paramref name="owner"/>.
    /// </summary>
    Task KeepAsync(Guid jobId, string owner, JobFileState file, int index);

    /// <summary>
    /// Complete of consecutive finished files: <see cref="KeepAsync"/> for each of <paramref name="files"/>, which are
    /// the job's files from index <paramref name="first"/> on, in order, stopping at the first failure (thrown as
    /// KeepAsync throws it; the files before it stay kept). A kind may keep them in fewer trips (many small files).
    /// </summary>
    async Task KeepManyAsync(Guid jobId, string owner, IReadOnlyList<JobFileState> files, int first)
    {
        ArgumentNullException.ThrowIfNull(files);
        for (var i = 0; i < files.Count; i++)
        {
            await KeepAsync(jobId, owner, files[i], first + i);
        }
    }

    /// <summary>
    /// True when Complete is allowed from Transferred only (B26: uploads; a download may be completed at any time and
    /// keeps the files it finished).
    /// </summary>
    bool CompletesOnlyWhenTransferred => false;

    /// <summary>
    /// True when a job of this kind may transfer its files again after a crash: then a silo that runs alone writes a
    /// self-completing job's Transferred with its Acknowledged (<see cref="Jobs.JobCompletion.TransferAndCompleteAsync"/>),
    /// and a crash during its moves runs the job again. A download reads its source again (which must still serve it)
    /// and moves the new copy over the one already in place. Not an upload: its server may act on every upload it
    /// commits (an upload-reply server's reply).
    /// </summary>
    bool MayTransferAgain => false;

    /// <summary>
    /// Cancel, or Complete of an unfinished file (B44): removes its temporary data with the rights of the job's
    /// <paramref name="owner"/>; best effort, never throws.
    /// </summary>
    Task DiscardAsync(Guid jobId, string owner, JobFileState file);

    /// <summary>
    /// Cancel, or Complete of an unfinished file (B36, B44): lets go of what the file holds on its remote
    /// (<see cref="ReleaseRemote"/>), then of its temporary data (<see cref="DiscardAsync"/>).
    /// </summary>
    Task ReleaseAsync(Guid jobId, string owner, JobFileState file, FileTransferRequest request)
    {
        ReleaseRemote(jobId, file, request);
        return DiscardAsync(jobId, owner, file);
    }
}
