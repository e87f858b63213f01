namespace Orleans.Transfer.Worker;

/// <summary>
/// The path delay of one interface: the current delay (the smallest sample of the last 100 ms, which drops the
/// jitter of single samples) and the base delay (the smallest of ten 1-minute buckets, so that a route change is
/// learnt within 10 minutes, as in LEDBAT).
/// </summary>
internal sealed class DelayFilter
{
    /// <summary>How far back the current delay looks.</summary>
    public static readonly TimeSpan CurrentWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>How many 1-minute buckets the base delay keeps: a bucket's minimum expires after 10 minutes.</summary>
    public const int BaseBuckets = 10;

    private readonly Queue<(DateTimeOffset At, TimeSpan Delay)> _recent = new();
    private readonly (long Minute, TimeSpan Min)?[] _buckets = new (long, TimeSpan)?[BaseBuckets];
    private long _minute;

    /// <summary>The current delay, or null before the first sample.</summary>
    public TimeSpan? Current { get; private set; }

    /// <summary>The base delay, or null before the first sample.</summary>
    public TimeSpan? Base { get; private set; }

    /// <summary>The queueing delay: current − base, never negative; null before the first sample.</summary>
    public TimeSpan? QueueDelay => Current is { } current && Base is { } floor ? Max(TimeSpan.Zero, current - floor) : null;

    /// <summary>Adds the tick's delay sample, or only ages the filter when <paramref name="delay"/> is null.</summary>
    public void Add(DateTimeOffset now, TimeSpan? delay)
    {
        _minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (delay is { } sample)
        {
            _recent.Enqueue((now, sample));
            var slot = (int)(_minute % BaseBuckets);
            if (_buckets[slot] is not { } bucket || bucket.Minute != _minute || sample < bucket.Min)
            {
                _buckets[slot] = (_minute, sample);
            }
        }

        // The newest sample stays even when older than the window: without a fresher one it is the best estimate.
        while (_recent.Count > 1 && _recent.Peek().At < now - CurrentWindow)
        {
            _recent.Dequeue();
        }

        Current = _recent.Count == 0 ? null : _recent.Min(entry => entry.Delay);
        Base = null;
        foreach (var bucket in _buckets)
        {
            if (bucket is { } live && live.Minute > _minute - BaseBuckets && (Base is null || live.Min < Base))
            {
                Base = live.Min;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
