namespace Orleans.Transfer;

/// <summary>
/// One silo's view of the cluster's bandwidth policy and background cap (docs/cluster.md), as <c>xfer service status</c>
/// shows it; only a silo of a cluster has one.
/// </summary>
/// <param name="Silo">This silo's address, <c>host:port@generation</c> (as a job's <c>Silo</c>).</param>
/// <param name="PolicyVersion">
/// The version of the cluster's policy this silo applied (set through any silo with <c>xfer policy set</c>), or null
/// when none was set since the cluster's bandwidth grain last activated: then the silo runs its own configuration.
/// </param>
/// <param name="BackgroundLimit">The background cap of the policy in force here (a rate or a timetable, as written), or null for none.</param>
/// <param name="BackgroundShare">This silo's share of that cap, in (0, 1]; the live silos' shares sum to 1.</param>
/// <param name="BackgroundDemand">This silo's background jobs transferring at its last report: what its share was split by.</param>
/// <param name="ReportedAt">When this silo last reported and took its share (UTC), or null before its first report.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.ClusterBandwidthStatus")]
public sealed record ClusterBandwidthStatus(
    string Silo,
    Guid? PolicyVersion,
    string? BackgroundLimit,
    double BackgroundShare,
    int BackgroundDemand,
    DateTimeOffset? ReportedAt);
