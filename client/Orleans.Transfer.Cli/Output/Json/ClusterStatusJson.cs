namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>
/// The <c>cluster</c> object of <c>service status --format json</c> (null for a silo alone); documented in
/// docs/contracts.md, so append only.
/// </summary>
internal sealed record ClusterStatusJson(
    string Silo,
    Guid? PolicyVersion,
    string? BackgroundLimit,
    double BackgroundShare,
    int BackgroundDemand,
    DateTimeOffset? ReportedAt)
{
    public static ClusterStatusJson? From(ClusterBandwidthStatus? status) => status is null
        ? null
        : new(status.Silo, status.PolicyVersion, status.BackgroundLimit, status.BackgroundShare, status.BackgroundDemand, status.ReportedAt?.ToUniversalTime());
}
