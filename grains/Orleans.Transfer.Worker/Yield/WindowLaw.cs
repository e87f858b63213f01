namespace Orleans.Transfer.Worker;

/// <summary>
/// The aggregate receive window W under the LEDBAT++ law (as rLEDBAT, RFC 9840, applies it to the receive window):
/// slow start from 2 MSS until the queueing delay passes ¾ of the target, then a linear increase below the target and
/// a proportional decrease above it, halving on a loss. Periodic slowdowns drop W to 2 MSS for 2 RTTs so that the
/// queue drains and the base delay can be measured again.
/// </summary>
internal sealed class WindowLaw(TimeSpan target, TimeSpan tick)
{
    /// <summary>The most the window may grow per RTT in congestion avoidance, in MSS (LEDBAT++'s GAIN cap).</summary>
    public const int MaxGainDivisor = 16;

    /// <summary>How much longer than a slowdown (with its recovery) the gap to the next one is.</summary>
    public const int SlowdownSpacing = 9;

    private readonly TimeSpan _target = target;
    private readonly TimeSpan _tick = tick;
    private bool _started;
    private bool _slowStart = true;
    private double? _slowStartGoal;
    private DateTimeOffset? _lastDecrease;
    private DateTimeOffset? _nextSlowdown;
    private DateTimeOffset? _slowdownStart;
    private DateTimeOffset? _slowdownEnd;
    private bool _recovering;
    private double _windowBeforeSlowdown;

    /// <summary>The window in bytes; 0 before the first update.</summary>
    public double Window { get; private set; }

    /// <summary>True while in slow start.</summary>
    public bool InSlowStart => _slowStart;

    /// <summary>True while a periodic slowdown holds the window at 2 MSS.</summary>
    public bool InSlowdown => _slowdownEnd is not null;

    /// <summary>When the next periodic slowdown starts, or null while none is scheduled.</summary>
    public DateTimeOffset? NextSlowdown => _nextSlowdown;

    /// <summary>GAIN = 1 / min(16, ⌈2T / base⌉): on a short path the window grows by less than an MSS per RTT.</summary>
    public static double Gain(TimeSpan target, TimeSpan baseDelay)
    {
        var divisor = baseDelay > TimeSpan.Zero ? Math.Ceiling(2 * target / baseDelay) : MaxGainDivisor;
        return 1 / Math.Clamp(divisor, 1, MaxGainDivisor);
    }

    /// <summary>Slow start until the window is back at <paramref name="goal"/> (the foreground ended).</summary>
    public void SlowStartTo(double goal)
    {
        if (InSlowdown)
        {
            _windowBeforeSlowdown = Math.Max(_windowBeforeSlowdown, goal);
        }
        else if (goal > Window && !(_slowStart && _slowStartGoal is null))
        {
            // An open-ended slow start (the first one) already grows past any goal.
            _slowStart = true;
            _slowStartGoal = Math.Max(goal, _slowStartGoal ?? 0);
        }
    }

    /// <summary>Applies one tick: <paramref name="bytesReceived"/> payload bytes arrived since the previous one.</summary>
    public void Update(
        DateTimeOffset now,
        TimeSpan queueDelay,
        TimeSpan baseDelay,
        TimeSpan rtt,
        long bytesReceived,
        int mss,
        long outOfOrderPackets,
        double maxWindow)
    {
        var minWindow = 2.0 * mss;
        maxWindow = Math.Max(maxWindow, minWindow);
        if (!_started)
        {
            _started = true;
            Window = minWindow;
        }

        if (_slowdownEnd is { } end)
        {
            if (now < end)
            {
                Window = minWindow;
                return;
            }

            _slowdownEnd = null;
            _recovering = true;
            _slowStart = true;
            _slowStartGoal = _windowBeforeSlowdown;
        }

        var reactionTime = rtt > _tick ? rtt : _tick;
        var mayDecrease = _lastDecrease is not { } last || now - last >= reactionTime;
        if (outOfOrderPackets > 0)
        {
            if (mayDecrease)
            {
                Window /= 2;
                _lastDecrease = now;
            }

            EndSlowStart(now, rtt);
        }
        else if (_slowStart)
        {
            if (queueDelay > 0.75 * _target)
            {
                EndSlowStart(now, rtt);
            }
            else
            {
                Window += bytesReceived;
                if (_slowStartGoal is { } goal && Window >= goal)
                {
                    Window = goal;
                    EndSlowStart(now, rtt);
                }
            }
        }
        else if (queueDelay < _target)
        {
            Window += Gain(_target, baseDelay) * mss * bytesReceived / Window;
        }
        else if (queueDelay > _target && mayDecrease)
        {
            Window -= Math.Min(Window * ((queueDelay / _target) - 1), Window / 2);
            _lastDecrease = now;
        }

        Window = Math.Clamp(Window, minWindow, maxWindow);
        if (!_slowStart && _nextSlowdown is { } next && now >= next)
        {
            _nextSlowdown = null;
            _windowBeforeSlowdown = Window;
            _slowdownStart = now;
            var length = 2 * rtt > 2 * _tick ? 2 * rtt : 2 * _tick;
            _slowdownEnd = now + length;
            Window = minWindow;
        }
    }

    private void EndSlowStart(DateTimeOffset now, TimeSpan rtt)
    {
        if (!_slowStart)
        {
            return;
        }

        _slowStart = false;
        _slowStartGoal = null;
        if (_recovering && _slowdownStart is { } start)
        {
            _recovering = false;
            _nextSlowdown = now + (SlowdownSpacing * (now - start));
        }
        else if (_slowdownStart is null && _nextSlowdown is null)
        {
            _nextSlowdown = now + (2 * rtt);
        }
    }
}
