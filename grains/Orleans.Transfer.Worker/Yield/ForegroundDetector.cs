namespace Orleans.Transfer.Worker;

/// <summary>
/// Foreground traffic on the interface: f = interface rate − the controlled connections' rate on the interface,
/// averaged over <see cref="SmoothingWindow"/>. Present while f exceeds max(2 % of C, 62 500 B/s, 10 % of the
/// controlled rate) and for the hold after it was last seen.
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

    /// <summary>
    /// The share of the controlled traffic's own rate above which f counts as foreground: bytes of ours the interface
    /// counts and TCP does not (segments dropped or pruned from a full receive buffer, headers counted differently by
    /// the interface's driver) scale with our rate and must not read as someone else's traffic; a capped rate would
    /// otherwise keep C, and so the cap, low.
    /// </summary>
    public const double ControlledShare = 0.1;

    private readonly TimeSpan _hold = hold;
    private readonly Queue<(DateTimeOffset End, TimeSpan Elapsed, double Bytes, double Controlled)> _ticks = new();
    private TimeSpan _elapsed;
    private double _bytes;
    private double _controlled;
    private DateTimeOffset? _lastSeen;

    /// <summary>The foreground's rate f in bytes per second (layer 2), never negative.</summary>
    public double BytesPerSecond { get; private set; }

    /// <summary>True while foreground traffic is seen, or was seen within the hold.</summary>
    public bool Present { get; private set; }

    /// <summary>Adds one tick's counts and re-evaluates presence against <paramref name="capacity"/>.</summary>
    public void Add(DateTimeOffset now, TimeSpan elapsed, long interfaceBytes, double controlledFrameBytes, double capacity)
    {
        var foreground = interfaceBytes - controlledFrameBytes;
        _ticks.Enqueue((now, elapsed, foreground, controlledFrameBytes));
        _elapsed += elapsed;
        _bytes += foreground;
        _controlled += controlledFrameBytes;
        while (_ticks.Count > 1 && _ticks.Peek().End <= now - SmoothingWindow)
        {
            var old = _ticks.Dequeue();
            _elapsed -= old.Elapsed;
            _bytes -= old.Bytes;
            _controlled -= old.Controlled;
        }

        BytesPerSecond = _elapsed > TimeSpan.Zero ? Math.Max(0, _bytes / _elapsed.TotalSeconds) : 0;
        var controlledRate = _elapsed > TimeSpan.Zero ? Math.Max(0, _controlled / _elapsed.TotalSeconds) : 0;
        if (BytesPerSecond > Math.Max(Threshold(capacity), ControlledShare * controlledRate))
        {
            _lastSeen = now;
        }

        Present = _lastSeen is { } seen && now - seen <= _hold;
    }

    /// <summary>The rate above which traffic counts as foreground on a link of <paramref name="capacity"/>.</summary>
    public static double Threshold(double capacity) => Math.Max(CapacityShare * capacity, MinimumBytesPerSecond);
}
