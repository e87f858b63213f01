namespace Orleans.Transfer.Worker;

/// <summary>
/// The sink no longer holds the bytes written (a temp file deleted under us, an upload session the receiver forgot):
/// the file restarts from zero in a new sink, and <paramref name="code"/> names the cause if that keeps happening.
/// </summary>
internal sealed class SinkLostException(string reason, TransferErrorCode code, ErrorContext context) : Exception(reason)
{
    public TransferErrorCode Code { get; } = code;

    public ErrorContext Context { get; } = context;
}
