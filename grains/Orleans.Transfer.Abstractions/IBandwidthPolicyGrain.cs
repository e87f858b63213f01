namespace Orleans.Transfer;

/// <summary>
/// Reads and changes the bandwidth policy of the running service (<c>xfer policy show|set</c>), and reads the network
/// cost it detected.
/// </summary>
[Alias("Orleans.Transfer.IBandwidthPolicyGrain")]
public interface IBandwidthPolicyGrain : IGrainWithIntegerKey
{
    /// <summary>The policy in force.</summary>
    [Alias("Get")]
    Task<BandwidthPolicySpec> GetAsync();

    /// <summary>
    /// Replaces the policy; running transfers follow within a second. Lasts until the service restarts or its
    /// configuration file changes. Throws <see cref="TransferJobException"/> naming the field for a malformed rate.
    /// </summary>
    [Alias("Set")]
    Task<BandwidthPolicySpec> SetAsync(BandwidthPolicySpec policy);

    /// <summary>The network cost this silo detected (B84), which jobs' transfer policies are checked against.</summary>
    [Alias("GetNetworkCost")]
    Task<NetworkCost> GetNetworkCostAsync();

    /// <summary>
    /// This silo's view of the cluster's bandwidth policy and its share of the background cap, or null for a silo alone.
    /// The grain is a stateless worker, so a call from inside a silo answers for that silo.
    /// </summary>
    [Alias("GetClusterStatus")]
    Task<ClusterBandwidthStatus?> GetClusterStatusAsync();
}
