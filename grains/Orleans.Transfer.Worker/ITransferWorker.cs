namespace Orleans.Transfer.Worker;

/// <summary>
/// Silo-local service that downloads one file at a time per request, off the grain scheduler, with bounded memory.
/// </summary>
public interface ITransferWorker
{
    /// <summary>
    /// Starts downloading and returns at once. Cancelling <paramref name="cancellationToken"/> stops the run: no
    /// further events are guaranteed, and <see cref="TransferRun.Completion"/> completes once the file is closed.
    /// </summary>
    TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken);
}
