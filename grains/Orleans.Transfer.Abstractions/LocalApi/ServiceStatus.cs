namespace Orleans.Transfer.LocalApi;

/// <summary>The running service as <c>GET /v1/service/status</c> describes it to the caller.</summary>
/// <param name="Version">The service's informational version (the silo assembly's).</param>
/// <param name="ProcessId">The service's process id.</param>
/// <param name="StartedAt">When the service process started (UTC).</param>
/// <param name="Store">The storage profile: <c>Sqlite</c> or <c>PostgreSql</c>, never its connection string.</param>
/// <param name="Listeners">Every address the service listens on.</param>
/// <param name="AllOwners">True when <paramref name="Jobs"/> counts every owner's jobs (administrators), false for the caller's own.</param>
/// <param name="Jobs">Jobs by state, every state listed (zero included), in <see cref="JobState"/> order.</param>
/// <param name="Cluster">
/// In a cluster, this silo's view of the cluster's bandwidth policy and its share of the background cap; null for a silo
/// alone (and from a service that predates it).
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.LocalApi.ServiceStatus")]
public sealed record ServiceStatus(
    string Version,
    int ProcessId,
    DateTimeOffset StartedAt,
    string Store,
    IReadOnlyList<ServiceListener> Listeners,
    bool AllOwners,
    IReadOnlyList<JobStateCount> Jobs,
    ClusterBandwidthStatus? Cluster = null);
