using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>A <see cref="YieldController"/> driving a <see cref="SimulatedLink"/> tick by tick on a fake clock.</summary>
internal sealed class YieldBench
{
    public static readonly TimeSpan BaseRtt = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(50);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly List<TimeSpan> _queueDelays = [];

    public YieldBench(double megabitsPerSecond, YieldOptions? options = null)
    {
        Options = options ?? new YieldOptions();
        Capacity = megabitsPerSecond * 1_000_000 / 8;
        Link = new SimulatedLink(Capacity, BaseRtt, Queue);
        Controller = new YieldController(Options);
        Decision = new YieldDecision(2 * SimulatedLink.Mss, null, false, false, null, null, 0, 0);
    }

    public YieldOptions Options { get; }

    public double Capacity { get; }

    public SimulatedLink Link { get; }

    public YieldController Controller { get; }

    public YieldDecision Decision { get; private set; }

    /// <summary>The decisions of the last <see cref="Run"/>.</summary>
    public List<YieldDecision> Decisions { get; } = [];

    /// <summary>Runs for <paramref name="duration"/>; returns the foreground's and the background's shares of the link.</summary>
    public (double Foreground, double Background) Run(TimeSpan duration)
    {
        var foreground = Link.ForegroundBytes;
        var background = Link.BackgroundBytes;
        Decisions.Clear();
        _queueDelays.Clear();
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Options.Tick)
        {
            _time.Advance(Options.Tick);
            var sample = Link.Tick(_time.GetUtcNow(), Options.Tick, Decision.WindowBytes, Decision.RateBytesPerSecond);
            Decision = Controller.Update(sample);
            Decisions.Add(Decision);
            _queueDelays.Add(Link.QueueDelay);
        }

        var total = Capacity * duration.TotalSeconds;
        return ((Link.ForegroundBytes - foreground) / total, (Link.BackgroundBytes - background) / total);
    }

    /// <summary>The median queueing delay of the last <see cref="Run"/>.</summary>
    public TimeSpan MedianQueueDelay() => _queueDelays.Order().ElementAt(_queueDelays.Count / 2);
}
