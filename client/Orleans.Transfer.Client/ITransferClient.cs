namespace Orleans.Transfer.Client;

/// <summary>
/// Typed access to the transfer service for applications. Every job operation returns the job as it stands
/// afterwards, or throws <see cref="TransferJobException"/> having changed nothing. Paths are passed through as given:
/// the service requires absolute local paths.
/// </summary>
public interface ITransferClient
{
    /// <summary>Creates a download job, in the Suspended state, owned by the configured owner.</summary>
    /// <param name="displayName">Display name, at most <see cref="JobLimits.MaxDisplayNameLength"/> characters.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer (the service may still create the job).</param>
    Task<JobInfo> CreateDownloadJobAsync(
        string displayName,
        string? description = null,
        JobPriority priority = JobPriority.Normal,
        CancellationToken cancellationToken = default);

    /// <summary>Appends files to a job; either all are added or none.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="files">Files to add.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> AddFilesAsync(Guid jobId, IReadOnlyList<FileSpec> files, CancellationToken cancellationToken = default);

    /// <summary>Appends one file to a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="remoteUrl">Absolute http, https or file URL, or an absolute local path, of the source.</param>
    /// <param name="localPath">Absolute destination path.</param>
    /// <param name="ranges">Optional byte ranges of the source to download.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> AddFileAsync(
        Guid jobId,
        string remoteUrl,
        string localPath,
        IReadOnlyList<ByteRange>? ranges = null,
        CancellationToken cancellationToken = default);

    /// <summary>Queues the job for transfer.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> ResumeAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Pauses the job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SuspendAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ends the job and deletes its temporary files.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> CancelAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Ends the job, moving downloaded files to their final names.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> CompleteAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Returns the job with its live progress.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> GetAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Changes a job's properties; null members of <paramref name="update"/> are left as they are.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<JobInfo> SetPropertiesAsync(Guid jobId, JobPropertiesUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs from the service's catalog, oldest first.</summary>
    /// <param name="query">Which jobs to list.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls the job every <see cref="TransferClientOptions.WatchInterval"/> and yields the first snapshot, then each
    /// one whose state or progress changed. The sequence ends after yielding a settled state
    /// (<see cref="JobStates.IsSettled"/>: Error, Transferred, Acknowledged or Cancelled).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops watching; the job itself is not affected.</param>
    IAsyncEnumerable<JobInfo> WatchAsync(Guid jobId, CancellationToken cancellationToken = default);
}
