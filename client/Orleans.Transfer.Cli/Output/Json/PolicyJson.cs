namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The JSON shape of <c>policy show --format json</c>: rates as the service writes them, null for no cap.</summary>
internal sealed record PolicyJson(string? BackgroundLimit, string? Timetable, string? HighLimit, string? NormalLimit, string? LowLimit)
{
    public static PolicyJson From(BandwidthPolicySpec policy) =>
        new(policy.BackgroundLimit, policy.Timetable, policy.HighLimit, policy.NormalLimit, policy.LowLimit);
}
