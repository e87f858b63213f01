namespace Orleans.Transfer.Worker;

/// <summary>
/// The cache cannot serve the rest of a file (a bad or missing block, a filler that failed or stalled, an origin
/// response that may not be shared): the run goes on from the origin at the bytes written.
/// </summary>
internal sealed class ContentCacheMissException(string reason, Exception? inner = null) : Exception(reason, inner);
