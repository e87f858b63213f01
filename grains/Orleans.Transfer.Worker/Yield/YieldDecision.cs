namespace Orleans.Transfer.Worker;

/// <summary>What the controller of one interface wants now, for all its controlled connections together.</summary>
/// <param name="WindowBytes">The aggregate receive window W, split among the connections (each keeps 2 MSS at least).</param>
/// <param name="RateBytesPerSecond">The aggregate rate cap R, or null for none (no foreground traffic seen).</param>
/// <param name="Yielding">True while the controller holds background traffic back (foreground present, or delay above target).</param>
/// <param name="ForegroundPresent">True while foreground traffic is seen on the interface (including the hold).</param>
/// <param name="BaseDelay">The path's base delay, or null before the first sample.</param>
/// <param name="QueueDelay">The current queueing delay (current − base), or null without a delay signal.</param>
/// <param name="CapacityBytesPerSecond">The link's estimated capacity C (layer 2), 0 before it is known.</param>
/// <param name="ForegroundBytesPerSecond">The foreground's estimated rate f (layer 2).</param>
internal sealed record YieldDecision(
    long WindowBytes,
    long? RateBytesPerSecond,
    bool Yielding,
    bool ForegroundPresent,
    TimeSpan? BaseDelay,
    TimeSpan? QueueDelay,
    double CapacityBytesPerSecond,
    double ForegroundBytesPerSecond);
