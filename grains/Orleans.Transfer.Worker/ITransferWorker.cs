namespace Orleans.Transfer.Worker;

/// <summary>
/// Silo-local service that transfers one file per request in the request's direction (download or upload), off the
/// grain scheduler, with bounded memory.
/// </summary>
public interface ITransferWorker
{
    /// <summary>
    /// Starts the transfer and returns at once. Cancelling <paramref name="cancellationToken"/> stops the run: no
    /// further events are guaranteed, and <see cref="TransferRun.Completion"/> completes once the file is closed.
    /// </summary>
    TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a new priority or per-job cap (null unlimited, 0 blocks) to the job's running transfers within a
    /// second; transfers started later take them from their <see cref="FileTransferRequest"/>.
    /// </summary>
    void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond);
}
