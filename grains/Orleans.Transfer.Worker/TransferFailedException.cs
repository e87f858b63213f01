namespace Orleans.Transfer.Worker;

/// <summary>Ends a run with <see cref="Failure"/>; never retried inside the run.</summary>
internal sealed class TransferFailedException(TransferFailure failure, Exception? inner = null)
    : Exception(failure.Message, inner)
{
    public TransferFailure Failure { get; } = failure;
}
