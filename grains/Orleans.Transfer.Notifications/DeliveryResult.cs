namespace Orleans.Transfer.Notifications;

/// <summary>The outcome of one delivery attempt.</summary>
/// <param name="Delivered">True when the receiver accepted it (2xx, or exit code 0).</param>
/// <param name="Detail">What happened, for logs and the job's error info.</param>
/// <param name="RetryAfter">When the receiver asked to be retried later (HTTP Retry-After).</param>
public sealed record DeliveryResult(bool Delivered, string Detail, TimeSpan? RetryAfter = null);
