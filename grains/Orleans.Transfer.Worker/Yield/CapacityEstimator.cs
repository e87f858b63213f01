namespace Orleans.Transfer.Worker;

/// <summary>
/// The link's capacity C: the largest interface receive rate of any 1-second window in the last 10 minutes. It grows
/// as soon as a faster window is seen and follows a link that got slower when its old maxima expire (ten 1-minute
/// buckets, the oldest dropped after 10 minutes).
/// </summary>
internal sealed class CapacityEstimator
{
    /// <summary>The window a rate is measured over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    /// <summary>How many 1-minute buckets of maxima are kept.</summary>
    public const int Buckets = 10;

    private readonly (long Minute, double Max)?[] _buckets = new (long, double)?[Buckets];
    private TimeSpan _windowElapsed;
    private long _windowBytes;

    /// <summary>The capacity in bytes per second (layer 2), 0 before the first full window.</summary>
    public double BytesPerSecond { get; private set; }

    /// <summary>Adds the bytes the interface received over the last <paramref name="elapsed"/>.</summary>
    public void Add(DateTimeOffset now, TimeSpan elapsed, long interfaceBytes)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        _windowElapsed += elapsed;
        _windowBytes += Math.Max(0, interfaceBytes);
        if (_windowElapsed >= RateWindow)
        {
            var rate = _windowBytes / _windowElapsed.TotalSeconds;
            var slot = (int)(minute % Buckets);
            if (_buckets[slot] is not { } bucket || bucket.Minute != minute || rate > bucket.Max)
            {
                _buckets[slot] = (minute, rate);
            }

            _windowElapsed = TimeSpan.Zero;
            _windowBytes = 0;
        }

        BytesPerSecond = 0;
        foreach (var bucket in _buckets)
        {
            if (bucket is { } live && live.Minute > minute - Buckets)
            {
                BytesPerSecond = Math.Max(BytesPerSecond, live.Max);
            }
        }
    }
}
