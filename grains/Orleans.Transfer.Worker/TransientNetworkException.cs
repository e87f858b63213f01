namespace Orleans.Transfer.Worker;

/// <summary>
/// A dropped, refused, truncated or stalled connection: retried inside the run (resuming from the bytes written),
/// then reported as a transient <see cref="TransferErrorCode.NetworkError"/>.
/// </summary>
internal sealed class TransientNetworkException(string message, Exception? inner = null) : Exception(message, inner);
