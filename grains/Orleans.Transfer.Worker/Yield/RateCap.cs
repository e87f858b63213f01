namespace Orleans.Transfer.Worker;

/// <summary>
/// The aggregate rate cap R while a local foreground is present: R = max(R_floor, 0.93·(C − f)) with
/// R_floor = max(1 % of C, 8 000 B/s), starting at half the background's own rate when the foreground appears. Against a greedy foreground C − f is our own rate, so each step takes 7 % off
/// until the floor; next to an app-limited one it leaves the rest of the link. A raise after which f drops by more
/// than 25 % within 2 ticks took the foreground's share: R is halved and not raised again until f has been measured
/// afresh. When the delay shows an idle link and the background uses its cap, R may probe above 0.93·(C − f) so that
/// an underestimated C is corrected.
/// </summary>
internal sealed class RateCap(TimeSpan tick)
{
    /// <summary>The share of the headroom C − f the cap gives the background: 0.93 keeps a link next to a 20 % foreground 94 % busy (goal G3: 90 %) while a greedy foreground still takes the rest within seconds.</summary>
    public const double HeadroomShare = 0.93;

    /// <summary>The floor's share of C.</summary>
    public const double FloorShare = 0.01;

    /// <summary>The floor whatever C is: 64 kbit/s.</summary>
    public const double MinimumFloor = 8_000;

    /// <summary>A drop of f by more than this share soon after a raise halves R: 25 %, above an app-limited stream's own jitter over the smoothing window.</summary>
    public const double ForegroundDropShare = 0.25;

    /// <summary>The share of its own rate the background keeps when a foreground appears.</summary>
    public const double OnsetShare = 0.5;

    /// <summary>How much R may grow per tick while probing an idle link.</summary>
    public const double ProbeGrowth = 1.1;

    private readonly TimeSpan _tick = tick;
    private DateTimeOffset? _raisedAt;
    private double _foregroundAtRaise;
    private DateTimeOffset? _noRaiseUntil;

    /// <summary>The cap in bytes per second (layer 2), or null while no foreground is present.</summary>
    public double? BytesPerSecond { get; private set; }

    /// <summary>R_floor for a link of <paramref name="capacity"/>.</summary>
    public static double Floor(double capacity) => Math.Max(FloorShare * capacity, MinimumFloor);

    /// <summary>
    /// Re-computes R. <paramref name="linkIdle"/> is true when the delay shows no queue, false when it shows one,
    /// null without a delay signal (no probing then). <paramref name="background"/> is the controlled traffic's rate.
    /// </summary>
    public void Update(
        DateTimeOffset now,
        bool foregroundPresent,
        double capacity,
        double foreground,
        double background,
        bool? linkIdle)
    {
        if (!foregroundPresent)
        {
            BytesPerSecond = null;
            _raisedAt = null;
            _noRaiseUntil = null;
            return;
        }

        var floor = Floor(capacity);
        var wanted = Math.Max(floor, HeadroomShare * (capacity - foreground));
        if (BytesPerSecond is null && OnsetShare * background < wanted)
        {
            // A foreground just appeared: f is still the smoothed past, so 0.93·(C − f) would leave the background
            // nearly all of the link for several steps; start at half of what it takes, held until f is measured afresh.
            BytesPerSecond = Math.Max(floor, OnsetShare * background);
            _noRaiseUntil = now + ForegroundDetector.SmoothingWindow + (2 * _tick);
            return;
        }

        if (linkIdle == true && BytesPerSecond is { } probed)
        {
            // Grows from what the background takes, so that a cap it does not use cannot run away.
            wanted = Math.Max(wanted, Math.Min(probed, background) * ProbeGrowth);
        }

        if (_raisedAt is { } raised && now - raised <= 2 * _tick
            && foreground < (1 - ForegroundDropShare) * _foregroundAtRaise && BytesPerSecond is { } current)
        {
            BytesPerSecond = Math.Max(floor, current / 2);
            _raisedAt = null;
            _noRaiseUntil = now + ForegroundDetector.SmoothingWindow + (2 * _tick);
            return;
        }

        var mayRaise = _noRaiseUntil is not { } until || now >= until;
        if (BytesPerSecond is not { } previous || wanted <= previous)
        {
            BytesPerSecond = wanted;
        }
        else if (mayRaise)
        {
            BytesPerSecond = wanted;
            _raisedAt = now;
            _foregroundAtRaise = foreground;
        }
    }
}
