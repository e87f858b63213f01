namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// Random per-request faults for a whole <see cref="TestOrigin"/> (set <see cref="TestOrigin.Faults"/>): each request
/// to a file draws, from one <see cref="Random"/> seeded with <see cref="Seed"/>, whether to fail (probability
/// <see cref="Rate"/>) and how (uniformly among the enabled faults that apply to it). Draws follow request arrival
/// order, so a replay with the same seed repeats the choices but not necessarily which request gets which. Counts only
/// faults actually injected. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly ChaosFault[] _enabled;
    private readonly Dictionary<string, int> _contentChanges = new(StringComparer.Ordinal);
    private readonly int[] _counts = new int[Enum.GetValues<ChaosFault>().Length];

    /// <param name="rate">Probability, 0 to 1, that a request gets a fault.</param>
    /// <param name="seed">Seed of every random choice.</param>
    /// <param name="enabled">Faults to choose from; <see cref="Recoverable"/> when null.</param>
    public FaultPlan(double rate, int seed, IEnumerable<ChaosFault>? enabled = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        Rate = rate;
        Seed = seed;
        _random = new Random(seed);
        _enabled = [.. (enabled ?? Recoverable).Distinct()];
    }

    /// <summary>
    /// Faults a correct client recovers from on its own, ending with the origin's current bytes: every fault except
    /// <see cref="ChaosFault.RedirectLoop"/> (fatal by design) and <see cref="ChaosFault.Gzip"/> (not a fault a client
    /// can recover from silently; it must notice it).
    /// </summary>
    public static IReadOnlyList<ChaosFault> Recoverable { get; } =
    [
        ChaosFault.Reset, ChaosFault.Stall, ChaosFault.Truncate, ChaosFault.ServiceUnavailable, ChaosFault.InternalServerError,
        ChaosFault.RangeNotSatisfiable, ChaosFault.ChangeContent, ChaosFault.IgnoreRange, ChaosFault.Redirect,
    ];

    public double Rate { get; }

    public int Seed { get; }

    public IReadOnlyList<ChaosFault> Enabled => _enabled;

    /// <summary>How long a <see cref="ChaosFault.Stall"/> pauses the body. Default: 2 seconds.</summary>
    public TimeSpan StallDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The Retry-After of a <see cref="ChaosFault.ServiceUnavailable"/>. Default: 1 second.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Content changes per file at most, so a download converges. Default: 1.</summary>
    public int MaxContentChangesPerFile { get; init; } = 1;

    /// <summary>Only files up to this size get a <see cref="ChaosFault.Gzip"/> body (it is built in memory). Default: 8 MiB.</summary>
    public long MaxGzipBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Faults injected so far, all kinds.</summary>
    public int Injected
    {
        get
        {
            lock (_lock)
            {
                return _counts.Sum();
            }
        }
    }

    /// <summary>Faults injected so far, by kind (kinds never injected are left out).</summary>
    public IReadOnlyDictionary<ChaosFault, int> Counts
    {
        get
        {
            lock (_lock)
            {
                return Enum.GetValues<ChaosFault>().Where(f => _counts[(int)f] > 0).ToDictionary(f => f, f => _counts[(int)f]);
            }
        }
    }

    /// <summary>The counts as <c>Reset=3 Stall=1 ...</c>, for logs.</summary>
    public string Describe() => string.Join(' ', Counts.Select(c => $"{c.Key}={c.Value}"));

    internal ChaosDecision? Decide(string name, long length, bool hasRange)
    {
        lock (_lock)
        {
            if (_enabled.Length == 0 || _random.NextDouble() >= Rate)
            {
                return null;
            }

            var fault = _enabled[_random.Next(_enabled.Length)];
            var decision = new ChaosDecision(this, fault, _random.NextDouble(), _random.Next());
            if (!Applies(decision, name, length, hasRange))
            {
                return null;
            }

            if (fault == ChaosFault.ChangeContent)
            {
                _contentChanges[name] = _contentChanges.GetValueOrDefault(name) + 1;
            }

            return decision;
        }
    }

    internal void Record(ChaosFault fault)
    {
        lock (_lock)
        {
            _counts[(int)fault]++;
        }
    }

    private bool Applies(ChaosDecision decision, string name, long length, bool hasRange) => decision.Fault switch
    {
        ChaosFault.RangeNotSatisfiable or ChaosFault.IgnoreRange => hasRange,
        ChaosFault.Gzip => !hasRange && length > 0 && length <= MaxGzipBytes,
        ChaosFault.ChangeContent => length > 0 && _contentChanges.GetValueOrDefault(name) < MaxContentChangesPerFile,
        _ when decision.IsBodyFault => length > 0,
        _ => true,
    };
}
