namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>
/// The cluster's bandwidth policy and the background cap's shares (one activation, key 0): every silo reports its demand
/// every few seconds and takes its share and the policy; <c>xfer policy set</c> on any silo sets the policy here.
/// Silo-internal, not part of the caller contract.
/// </summary>
[Alias("Orleans.Transfer.Grains.Cluster.Bandwidth.IClusterBandwidthGrain")]
public interface IClusterBandwidthGrain : IGrainWithIntegerKey
{
    /// <summary>Records the silo's demand and answers its share and the cluster's policy.</summary>
    [Alias("Report")]
    Task<ClusterBandwidthAnswer> ReportAsync(SiloDemand demand);

    /// <summary>Sets the policy of the whole cluster; each silo applies it at its next report. Returns its version.</summary>
    [Alias("SetPolicy")]
    Task<Guid> SetPolicyAsync(BandwidthPolicySpec policy);

    /// <summary>The shares of the silos that reported lately (live ones only), by silo.</summary>
    [Alias("GetShares")]
    Task<IReadOnlyDictionary<SiloAddress, double>> GetSharesAsync();
}
