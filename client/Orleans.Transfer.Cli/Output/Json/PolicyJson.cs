namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>
/// The JSON shape of <c>policy show --format json</c>: rates as the service writes them, null for no cap; then the
/// network cost the service detected (null from a service that predates it).
/// </summary>
internal sealed record PolicyJson(
    string? BackgroundLimit,
    string? Timetable,
    string? HighLimit,
    string? NormalLimit,
    string? LowLimit,
    NetworkCostJson? NetworkCost = null)
{
    public static PolicyJson From(BandwidthPolicySpec policy, NetworkCost? cost = null) =>
        new(policy.BackgroundLimit, policy.Timetable, policy.HighLimit, policy.NormalLimit, policy.LowLimit, cost is null ? null : new NetworkCostJson(cost.State.ToString(), cost.Source, cost.Detail));
}
