namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The service refused a file operation for a job's owner by its own rule (a FIFO as a source, a directory at the
/// destination, a temporary file that is not the service's): <paramref name="code"/> and a message that says what to do.
/// </summary>
internal sealed class OwnerFileException(TransferErrorCode code, string message) : Exception(message)
{
    public TransferErrorCode Code { get; } = code;
}
