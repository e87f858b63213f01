namespace Orleans.Transfer.Worker;

/// <summary>
/// The scavenger controller of one interface (rLEDBAT, RFC 9840, with LEDBAT++'s window law, plus the local
/// foreground rate cap): a plain class, fed one <see cref="YieldSample"/> per tick, that owns its state.
/// </summary>
/// <remarks>
/// With a delay signal the window W follows <see cref="WindowLaw"/> below W_max = min(MaxWindowBytes, max(256 KiB, 2·C·(base + 4T)));
/// without one (<see cref="DelaySignal.None"/>) W is W_max and only the rate cap yields; with a signal whose first
/// sample has not come yet, W is the law's initial 2 MSS. When the foreground ends, W slow-starts back to the window it
/// had before the foreground appeared. Yielding means "held back by someone else's traffic": a foreground is present,
/// or the queueing delay is above twice the target. A periodic slowdown is not yielding: it is the controller measuring the
/// base delay, and reporting it would make the status flicker every few hundred milliseconds.
/// </remarks>
internal sealed class YieldController(YieldOptions options)
{
    /// <summary>The MSS assumed when the sample carries none.</summary>
    public const int DefaultMss = 1448;

    /// <summary>
    /// How many targets of queueing delay mean someone else's queue: alone the controller holds the delay near one
    /// target, so a status (and its log line) that flipped at one target would flicker with our own queue.
    /// </summary>
    public const int YieldingQueueTargets = 2;

    /// <summary>How many targets of queue W_max leaves room for above the base delay.</summary>
    public const int MaxWindowTargets = 4;

    /// <summary>
    /// W_max never falls below this: C is learned from the rates seen, and a W_max that followed an underestimated C
    /// would hold the rate, and so C, down (a window-limited flow on a long path would take many seconds to grow).
    /// </summary>
    public const double MinimumMaxWindow = 256 * 1024;

    private readonly YieldOptions _options = options;
    private readonly DelayFilter _delay = new();
    private readonly CapacityEstimator _capacity = new();
    private readonly ForegroundDetector _foreground = new(options.ForegroundHold);
    private readonly WindowLaw _window = new(options.TargetDelay, options.Tick);
    private readonly RateCap _rateCap = new(options.Tick);
    private DateTimeOffset? _previousNow;
    private double _windowBeforeForeground;

    /// <summary>The decision after <paramref name="sample"/>; called once per tick, from one thread at a time.</summary>
    public YieldDecision Update(YieldSample sample)
    {
        var now = sample.Now;
        var elapsed = _previousNow is { } previous && now > previous ? now - previous : _options.Tick;
        _previousNow = now;
        var mss = sample.Mss > 0 ? sample.Mss : DefaultMss;
        var target = _options.TargetDelay;

        _delay.Add(now, sample.Signal == DelaySignal.None ? null : sample.Delay);
        _capacity.Add(now, elapsed, sample.InterfaceBytes);
        var capacity = _capacity.BytesPerSecond;
        var wasPresent = _foreground.Present;
        var controlledFrames = sample.ControlledFrameBytes ?? (sample.ControlledBytes * ForegroundDetector.HeaderFactor);
        _foreground.Add(now, elapsed, sample.InterfaceBytes, controlledFrames, capacity);
        var present = _foreground.Present;

        var queueDelay = sample.Signal == DelaySignal.None ? null : _delay.QueueDelay;
        var maxWindow = MaxWindow(capacity, queueDelay is null ? null : _delay.Base);
        if (wasPresent && !present)
        {
            _window.SlowStartTo(_windowBeforeForeground);
        }
        else if (!wasPresent && present)
        {
            _windowBeforeForeground = _window.Window;
        }

        double window = maxWindow;
        if (queueDelay is { } q && _delay.Base is { } floor && _delay.Current is { } rtt)
        {
            _window.Update(now, q, floor, rtt, sample.ControlledBytes, mss, sample.OutOfOrderPackets, maxWindow);
            window = _window.Window;
        }
        else if (sample.Signal != DelaySignal.None)
        {
            // A delay signal whose first sample is still to come: start as the window law would, not at W_max.
            window = Math.Max(_window.Window, 2.0 * mss);
        }

        var background = controlledFrames / elapsed.TotalSeconds;
        var linkIdle = queueDelay is { } idle ? idle < target / 2 : (bool?)null;
        _rateCap.Update(now, present, capacity, _foreground.BytesPerSecond, background, linkIdle);
        var yielding = present || queueDelay > YieldingQueueTargets * target;
        return new YieldDecision(
            (long)window,
            _rateCap.BytesPerSecond is { } rate ? (long)rate : null,
            yielding,
            present,
            _delay.Base,
            queueDelay,
            capacity,
            _foreground.BytesPerSecond);
    }

    private double MaxWindow(double capacity, TimeSpan? baseDelay)
    {
        var max = (double)_options.MaxWindowBytes;
        return capacity > 0 && baseDelay is { } floor
            ? Math.Min(max, Math.Max(MinimumMaxWindow, 2 * capacity * (floor + (MaxWindowTargets * _options.TargetDelay)).TotalSeconds))
            : max;
    }
}
