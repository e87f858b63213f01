using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>
/// What differs between job kinds (Download today; Upload and UploadReply next): how files are validated and where
/// their temporary data lives, what Complete does with a finished file and what cleaning up an unfinished one means.
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
    /// Which way the file's bytes go in its next run, carried to the worker in the request: a download job's files
    /// download; an upload job's file uploads (and an upload-reply job's reply downloads).
    /// </summary>
    TransferDirection DirectionOf(JobFileState file);

    /// <summary>
    /// Complete (B26, B43): makes finished file <paramref name="index"/> final and sets <see cref="JobFileState.InPlace"/>.
    /// On failure throws <see cref="TransferJobException"/> (RenameFailed, B30; DestinationNotRegularFile) and leaves
    /// the file as it was. Files are touched with the rights of the job's <paramref name="owner"/>.
    /// </summary>
    Task KeepAsync(Guid jobId, string owner, JobFileState file, int index);

    /// <summary>
    /// Cancel, or Complete of an unfinished file (B44): removes its temporary data with the rights of the job's
    /// <paramref name="owner"/>; best effort, never throws.
    /// </summary>
    Task DiscardAsync(Guid jobId, string owner, JobFileState file);
}
