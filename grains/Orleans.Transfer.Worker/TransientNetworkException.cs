namespace Orleans.Transfer.Worker;

/// <summary>
/// A dropped, refused, truncated or stalled connection: retried inside the run (resuming from the bytes written),
/// then reported as <see cref="Failure"/>.
/// </summary>
internal sealed class TransientNetworkException(TransferFailure failure, Exception? inner = null)
    : Exception(failure.Message, inner)
{
    public TransferFailure Failure { get; } = failure;
}
