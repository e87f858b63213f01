namespace Orleans.Transfer.Worker;

/// <summary>
/// A token bucket that lends: <see cref="Take"/> always succeeds and may leave a debt, returning a ticket, and the
/// taker waits <see cref="Wait"/> until the bucket has earned the bytes behind that ticket. Takers are served in
/// order, everyone sharing the bucket gets exactly the rate between them, and a taker that goes idle leaves its share
/// to the others. Not thread-safe: the owner locks.
/// </summary>
internal sealed class TokenBucket(TimeProvider time, long? bytesPerSecond)
{
    // About 100 ms of bytes may accumulate while nobody takes: enough to absorb timer jitter, too little for a burst
    // that shows in a one-second window.
    private static readonly TimeSpan s_depth = TimeSpan.FromMilliseconds(100);

    private double _tokens;
    private double _earned;
    private long _refilled = time.GetTimestamp();

    /// <summary>Bytes per second; null is unlimited, 0 blocks.</summary>
    public long? Rate { get; private set; } = bytesPerSecond;

    /// <summary>Changes the rate; bytes earned so far count at the old rate, tickets are repaid at the new one.</summary>
    public void SetRate(long? bytesPerSecond)
    {
        Refill();
        Rate = bytesPerSecond;
        _tokens = Math.Min(_tokens, Capacity);
    }

    /// <summary>Charges <paramref name="bytes"/>; returns the ticket to pass to <see cref="Wait"/>.</summary>
    public double Take(long bytes)
    {
        Refill();
        if (Rate is not > 0)
        {
            return _earned;
        }

        _tokens -= bytes;
        return _earned + Math.Max(0, -_tokens);
    }

    /// <summary>How long until the bytes behind <paramref name="ticket"/> are earned: zero when unlimited.</summary>
    public TimeSpan Wait(double ticket)
    {
        Refill();
        return Rate is { } rate and > 0 && ticket > _earned ? TimeSpan.FromSeconds((ticket - _earned) / rate) : TimeSpan.Zero;
    }

    private double Capacity => Rate is { } rate ? rate * s_depth.TotalSeconds : 0;

    private void Refill()
    {
        var now = time.GetTimestamp();
        if (Rate is { } rate and > 0)
        {
            var earned = rate * time.GetElapsedTime(_refilled, now).TotalSeconds;
            _earned += earned;
            _tokens = Math.Min(Capacity, _tokens + earned);
        }
        else
        {
            _tokens = 0;
        }

        _refilled = now;
    }
}
