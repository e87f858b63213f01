namespace Orleans.Transfer.Worker;

/// <summary>
/// Measures how fast a source delivers while the run waits for it, in consecutive windows of waiting time: a window
/// that closes with fewer than the required bytes means the source is too slow. Only time spent in the source's reads
/// counts (not pacing, checkpoints or retries), so bandwidth limits can never make a source look slow. Used by one
/// thread at a time.
/// </summary>
internal sealed class MinimumRate(long bytesPerSecond, TimeSpan window)
{
    private long _bytes;
    private TimeSpan _waited;

    /// <summary>The required rate; 0 when the check is off.</summary>
    public long BytesPerSecond { get; } = Math.Max(0, bytesPerSecond);

    public TimeSpan Window { get; } = window;

    /// <summary>Records a read that returned <paramref name="bytes"/> after <paramref name="waited"/>.</summary>
    /// <returns>The bytes and waiting time of the window just closed, when it was below the minimum; else null.</returns>
    public (long Bytes, TimeSpan Waited)? Record(long bytes, TimeSpan waited)
    {
        if (BytesPerSecond == 0)
        {
            return null;
        }

        _bytes += bytes;
        _waited += waited;
        if (_waited < Window)
        {
            return null;
        }

        var closed = (_bytes, _waited);
        _bytes = 0;
        _waited = TimeSpan.Zero;
        return closed.Item1 < BytesPerSecond * closed.Item2.TotalSeconds ? closed : null;
    }

    /// <summary>
    /// The rate a run must sustain: the service's minimum, lowered to the job's own cap when that is below it (a
    /// cap of 0 blocks the job before it connects, so it needs no rule here).
    /// </summary>
    public static long Required(long minimum, long? jobCap) =>
        jobCap is long cap and > 0 && cap < minimum ? cap : minimum;
}
