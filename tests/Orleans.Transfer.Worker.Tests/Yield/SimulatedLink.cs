namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>
/// A fluid model of the bed: one bottleneck of a given capacity with a drop-tail FIFO, a base RTT, the controlled
/// background (window-limited at W/RTT and capped at R) and one foreground flow, stepped in 1 ms steps. Everything is
/// counted in layer-2 bytes, as the interface counter would be. The background's sender has its own loss-based
/// window too, so that without a delay signal it shares a full FIFO as a real download would.
/// </summary>
internal sealed class SimulatedLink(double capacityBytesPerSecond, TimeSpan baseRtt, TimeSpan queueLimit)
{
    public const int Mss = 1448;
    public const int FrameBytes = 1514;

    private const double StepSeconds = 0.001;
    private const double BbrQueueSeconds = 0.006;

    private readonly double _capacity = capacityBytesPerSecond;
    private readonly double _baseRtt = baseRtt.TotalSeconds;
    private readonly double _queueLimit = capacityBytesPerSecond * queueLimit.TotalSeconds;
    private double _queuedBackground;
    private double _queuedForeground;
    private double _cubicWindow;
    private double _senderWindow = 10 * Mss;
    private double _lastSenderCut;
    private double _clock;
    private double _lastCubicCut;
    private SimulatedForeground _foreground;

    public SimulatedForeground Foreground
    {
        get => _foreground;
        set
        {
            _foreground = value;
            _cubicWindow = 10 * Mss;
        }
    }

    public double AppLimitedBytesPerSecond { get; set; }

    public DelaySignal Signal { get; set; } = DelaySignal.TcpTimestamps;

    /// <summary>The foreground's delivered bytes so far.</summary>
    public double ForegroundBytes { get; private set; }

    /// <summary>The background's delivered bytes so far (layer 2).</summary>
    public double BackgroundBytes { get; private set; }

    /// <summary>The queueing delay now.</summary>
    public TimeSpan QueueDelay => TimeSpan.FromSeconds((_queuedBackground + _queuedForeground) / _capacity);

    /// <summary>Runs one tick with the controller's last decision and returns what the controller would sample.</summary>
    public YieldSample Tick(DateTimeOffset now, TimeSpan tick, long window, long? rate)
    {
        var steps = (int)Math.Round(tick.TotalSeconds / StepSeconds);
        var minRtt = double.MaxValue;
        double interfaceBytes = 0;
        double backgroundBytes = 0;
        long outOfOrder = 0;
        for (var i = 0; i < steps; i++)
        {
            _clock += StepSeconds;
            var queued = _queuedBackground + _queuedForeground;
            var rtt = _baseRtt + (queued / _capacity);
            minRtt = Math.Min(minRtt, rtt);

            var receiveWindow = window * ((double)FrameBytes / Mss);
            _senderWindow = Math.Min(
                _senderWindow + (Math.Max(Mss, 0.05 * _senderWindow) * StepSeconds / rtt),
                Math.Max(2 * receiveWindow, 10 * Mss));
            var background = Math.Min(Math.Min(receiveWindow, _senderWindow) / rtt, rate ?? double.MaxValue) * StepSeconds;
            var foreground = ForegroundRate(rtt) * StepSeconds;
            var excess = queued + background + foreground - _queueLimit;
            if (excess > 0)
            {
                var droppedBackground = excess * background / (background + foreground);
                background -= droppedBackground;
                foreground -= excess - droppedBackground;
                if (droppedBackground > 0)
                {
                    outOfOrder += (long)Math.Ceiling(droppedBackground / FrameBytes);
                    if (_clock - _lastSenderCut > rtt)
                    {
                        _senderWindow *= 0.7;
                        _lastSenderCut = _clock;
                    }
                }

                if (_foreground == SimulatedForeground.Cubic && excess > droppedBackground && _clock - _lastCubicCut > rtt)
                {
                    _cubicWindow *= 0.7;
                    _lastCubicCut = _clock;
                }
            }

            _queuedBackground += background;
            _queuedForeground += foreground;
            queued = _queuedBackground + _queuedForeground;
            var departing = Math.Min(queued, _capacity * StepSeconds);
            var departingBackground = queued > 0 ? departing * _queuedBackground / queued : 0;
            _queuedBackground -= departingBackground;
            _queuedForeground -= departing - departingBackground;
            interfaceBytes += departing;
            backgroundBytes += departingBackground;
            BackgroundBytes += departingBackground;
            ForegroundBytes += departing - departingBackground;
        }

        return new YieldSample(
            now,
            Signal == DelaySignal.None ? null : TimeSpan.FromSeconds(minRtt),
            Signal,
            (long)interfaceBytes,
            (long)(backgroundBytes * Mss / FrameBytes),
            1,
            Mss,
            outOfOrder);
    }

    private double ForegroundRate(double rtt)
    {
        switch (_foreground)
        {
            case SimulatedForeground.Cubic:
                _cubicWindow += Math.Max(Mss, 0.05 * _cubicWindow) * StepSeconds / rtt;
                return _cubicWindow / rtt;
            case SimulatedForeground.Bbr:
                return _capacity * (_baseRtt + BbrQueueSeconds) / rtt;
            case SimulatedForeground.AppLimited:
                return AppLimitedBytesPerSecond;
            default:
                return 0;
        }
    }
}
