namespace Orleans.Transfer.Worker;

/// <summary>
/// How the silo notices that the machine lost its network (BITS B19), configuration section <see cref="SectionName"/>.
/// While the network is lost, jobs that need it wait in TransientError with NetworkDisconnected, uncounted, and are
/// queued again as soon as it returns. Sources on loopback and local files never need the network.
/// </summary>
public sealed class NetworkMonitorOptions
{
    /// <summary>The configuration section: <c>Transfer:Network</c>.</summary>
    public const string SectionName = "Transfer:Network";

    /// <summary>
    /// Whether network loss is detected. Default true. When false the network counts as always available, and an
    /// outage shows up as ordinary transient errors (counted, with back-off).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the interfaces are checked, besides the operating system's change notifications. Default 2 s; more
    /// than zero.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the network must stay unusable before it counts as lost. Shorter blips are ridden out by the worker's
    /// quick retries instead of pausing every job. Default 3 s; zero or more.
    /// </summary>
    public TimeSpan LossGracePeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Interfaces that never count as a network connection, as names or as prefixes ending in <c>*</c>, such as a
    /// management link or a host-only adapter. Default none. Container and VM bridges (<c>docker*</c>, <c>br-*</c>,
    /// <c>virbr*</c>, <c>lxcbr*</c>, <c>cni*</c>, <c>podman*</c>) never count either way, because they stay up with no
    /// connection beyond the machine.
    /// </summary>
    public List<string> IgnoredInterfaces { get; } = [];
}
