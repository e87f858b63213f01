using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Grains.Cluster;

/// <summary>
/// A cluster of silos on PostgreSQL (configuration section <c>Transfer:Cluster</c>, docs/cluster.md). Without
/// <see cref="ClusterId"/> the silo runs alone with localhost clustering, as it always has.
/// </summary>
public sealed class TransferClusterOptions
{
    public const string SectionName = "Transfer:Cluster";

    /// <summary>
    /// The cluster's name: silos with the same one on the same PostgreSQL database form one cluster. Default: null (one
    /// silo, localhost clustering). Needs the PostgreSql storage profile. Environment: <c>XFER_CLUSTER_ID</c>.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>
    /// How long a silo waits for another's answer to a liveness probe. Default: 3 s (Orleans: 5 s, adapting between
    /// 2.5 s and 20 s when the silo itself is degraded).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Probes a silo may miss before its prober votes it dead. Default: 3 (as Orleans).</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Votes that declare a silo dead (capped by Orleans at the number of other active silos). Default: 2 (as Orleans).
    /// </summary>
    [Range(1, 10)]
    public int VotesForDeathDeclaration { get; set; } = 2;

    /// <summary>True when <see cref="ClusterId"/> turns clustering on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClusterId);
}
