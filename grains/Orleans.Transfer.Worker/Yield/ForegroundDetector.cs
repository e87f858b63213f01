namespace Orleans.Transfer.Worker;

/// <summary>
/// Foreground traffic on the interface: f = interface rate − the controlled connections' rate on the interface,
/// averaged over <see cref="SmoothingWindow"/>. Present while f exceeds max(2 % of C, 62 500 B/s) and for the hold
/// after it was last seen.
/// </summary>
/// <remarks>
/// 300 ms: at a 20 ms tick that averages 15 byte counts, enough to smooth TCP's per-RTT bursts and the counters'
/// jitter at tick scale (a 10 Mbit/s link moves only ~17 packets a tick), while a new foreground is still seen within
/// a third of a second and the rate cap follows it within a few of these windows.
/// </remarks>
internal sealed class ForegroundDetector(TimeSpan hold)
{
    /// <summary>Payload to layer 2 when segments are not counted: 1514-byte frames carry 1448 bytes of TCP payload.</summary>
    public const double HeaderFactor = 1.046;

    /// <summary>The window f is averaged over.</summary>
    public static readonly TimeSpan SmoothingWindow = TimeSpan.FromMilliseconds(300);

    /// <summary>The smallest f that counts as foreground, whatever the capacity: 0.5 Mbit/s.</summary>
    public const double MinimumBytesPerSecond = 62_500;

    /// <summary>The share of the capacity above which f counts as foreground.</summary>
    public const double CapacityShare = 0.02;

    private readonly TimeSpan _hold = hold;
    private readonly Queue<(DateTimeOffset End, TimeSpan Elapsed, double Bytes)> _ticks = new();
    private TimeSpan _elapsed;
    private double _bytes;
    private DateTimeOffset? _lastSeen;

    /// <summary>The foreground's rate f in bytes per second (layer 2), never negative.</summary>
    public double BytesPerSecond { get; private set; }

    /// <summary>True while foreground traffic is seen, or was seen within the hold.</summary>
    public bool Present { get; private set; }

    /// <summary>Adds one tick's counts and re-evaluates presence against <paramref name="capacity"/>.</summary>
    public void Add(DateTimeOffset now, TimeSpan elapsed, long interfaceBytes, double controlledFrameBytes, double capacity)
    {
        var foreground = interfaceBytes - controlledFrameBytes;
        _ticks.Enqueue((now, elapsed, foreground));
        _elapsed += elapsed;
        _bytes += foreground;
        while (_ticks.Count > 1 && _ticks.Peek().End <= now - SmoothingWindow)
        {
            var old = _ticks.Dequeue();
            _elapsed -= old.Elapsed;
            _bytes -= old.Bytes;
        }

        BytesPerSecond = _elapsed > TimeSpan.Zero ? Math.Max(0, _bytes / _elapsed.TotalSeconds) : 0;
        if (BytesPerSecond > Threshold(capacity))
        {
            _lastSeen = now;
        }

        Present = _lastSeen is { } seen && now - seen <= _hold;
    }

    /// <summary>The rate above which traffic counts as foreground on a link of <paramref name="capacity"/>.</summary>
    public static double Threshold(double capacity) => Math.Max(CapacityShare * capacity, MinimumBytesPerSecond);
}
