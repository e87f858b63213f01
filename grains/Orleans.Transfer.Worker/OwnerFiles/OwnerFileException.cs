namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The service refused a file operation for a job's owner by its own rule (a FIFO as a source, a directory at the
/// destination, a temporary file that is not the service's): <paramref name="code"/> and a message that says what to do.
/// <paramref name="transient"/> when the same operation may succeed later by itself (another writer still holds the file).
/// </summary>
internal sealed class OwnerFileException(TransferErrorCode code, string message, bool transient = false) : Exception(message)
{
    public TransferErrorCode Code { get; } = code;

    public bool IsTransient { get; } = transient;
}
