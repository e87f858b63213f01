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

    /// <summary>
    /// Directory roots every silo of the cluster reaches at the same path (NFS, SMB). A job whose every local path
    /// (download destinations, upload sources) lies under one may run on any silo and fails over; any other job is pinned
    /// to the host that created it. Full paths; default none (every job with a local path is pinned). Environment:
    /// <c>XFER_SHARED_ROOTS</c>, separated by the platform's path separator (<c>:</c> on Linux, <c>;</c> on Windows).
    /// </summary>
    public List<string> SharedRoots { get; set; } = [];

    /// <summary>
    /// This silo's host: the machine whose local disk it writes. Silos with the same host name share a disk, and a job
    /// pinned to the host runs on any of them. Letters, digits, '.', '-' and '_'. Default: the machine name. Environment:
    /// <c>XFER_HOST_NAME</c>.
    /// </summary>
    public string HostName { get; set; } = Environment.MachineName;

    /// <summary>
    /// How often each silo reports its background demand and takes its share of the cluster's background cap (and picks
    /// up a policy set through another silo). Default: 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan BandwidthRebalanceInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when <see cref="ClusterId"/> turns clustering on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClusterId);
}
