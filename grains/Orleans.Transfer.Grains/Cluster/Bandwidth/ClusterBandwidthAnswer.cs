namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>The cluster's answer to a silo's report.</summary>
/// <param name="Share">The silo's share of the background cap, in (0, 1]; the live silos' shares sum to 1.</param>
/// <param name="Policy">The policy last set for the whole cluster (<c>xfer policy set</c>), or null when none was.</param>
/// <param name="PolicyVersion">Its version: a silo applies the policy when this differs from the one it applied.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Grains.Cluster.Bandwidth.ClusterBandwidthAnswer")]
public sealed record ClusterBandwidthAnswer(double Share, BandwidthPolicySpec? Policy, Guid? PolicyVersion);
