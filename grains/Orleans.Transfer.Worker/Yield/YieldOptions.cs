namespace Orleans.Transfer.Worker;

/// <summary>
/// Receive-side yielding of background downloads to the user's foreground traffic, configuration section
/// <see cref="SectionName"/>. Only connections to remote servers are controlled: loopback, local files and
/// Foreground-priority jobs never are.
/// </summary>
public sealed class YieldOptions
{
    /// <summary>The configuration section: <c>Transfer:Network:Yield</c>.</summary>
    public const string SectionName = "Transfer:Network:Yield";

    /// <summary>On by default. Off: background jobs take the link like any download (their caps still apply).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The priorities that yield; empty (the default) means <c>Normal</c> and <c>Low</c>. A configured list replaces
    /// the default (<c>["High", "Normal", "Low"]</c> adds High). <c>Foreground</c> is refused at start: foreground jobs
    /// are never slowed. Empty rather than pre-filled because the configuration binder appends to a list it finds.
    /// </summary>
    public IList<JobPriority> Priorities { get; set; } = [];

    /// <summary>
    /// The queueing delay background traffic may add (T): 5 ms by default, between 1 and 100 ms. Raise it only on a
    /// path whose own jitter exceeds half of it.
    /// </summary>
    public TimeSpan TargetDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The interfaces whose connections are controlled, by name (<c>eth0</c>); empty (the default) means every
    /// interface but loopback.
    /// </summary>
    public IList<string> Interfaces { get; set; } = [];

    /// <summary>True when jobs of <paramref name="priority"/> yield under these options.</summary>
    public bool Yields(JobPriority priority) =>
        Enabled && (Priorities.Count == 0 ? priority is JobPriority.Normal or JobPriority.Low : Priorities.Contains(priority));

    /// <summary>How often the controller reads its signals and sets windows and rates (Δ): 20 ms, between 5 and 200 ms.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How often a server that sends no TCP timestamps is probed with an ICMP echo for the delay signal: 100 ms,
    /// between 20 ms and 1 s.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest aggregate receive window: 8 MiB, at least 64 KiB.</summary>
    public long MaxWindowBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long foreground traffic counts as present after it was last seen: 2 s, between 0 and 30 s.</summary>
    public TimeSpan ForegroundHold { get; set; } = TimeSpan.FromSeconds(2);
}
