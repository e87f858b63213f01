namespace Orleans.Transfer.Worker;

/// <summary>
/// Where the silo's network cost comes from (B84), configuration section <see cref="SectionName"/>, next to
/// <see cref="NetworkMonitorOptions"/>.
/// </summary>
public sealed class NetworkCostOptions
{
    /// <summary>The configuration section: <c>Transfer:Network</c>.</summary>
    public const string SectionName = NetworkMonitorOptions.SectionName;

    /// <summary>The value of <see cref="Cost"/> that asks the operating system.</summary>
    public const string Auto = "Auto";

    /// <summary>
    /// <c>Auto</c> (the default): NetworkManager's Metered property on Linux, the connectivity hint on Windows, and
    /// "unknown" (Unrestricted) where neither answers. Or one fixed cost state for servers and machines without either:
    /// <c>Unrestricted</c>, <c>Metered</c> (= <c>CappedUsageUnknown</c>), <c>BelowCap</c>, <c>NearCap</c>,
    /// <c>OvercapCharged</c>, <c>OvercapThrottled</c>, <c>UsageBased</c> or <c>Roaming</c>; case and underscores are
    /// ignored (<c>OVERCAP_CHARGED</c> works).
    /// </summary>
    public string Cost { get; set; } = Auto;
}
