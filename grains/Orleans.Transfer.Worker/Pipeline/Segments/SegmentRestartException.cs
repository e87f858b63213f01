namespace Orleans.Transfer.Worker;

/// <summary>
/// A segment's response showed that the remote file changed (its validator, its size, or a range the server no longer
/// honours): every segment stops and the file restarts from zero.
/// </summary>
internal sealed class SegmentRestartException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
