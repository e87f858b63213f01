using System.Runtime.InteropServices;

namespace Orleans.Transfer.Worker;

/// <summary>
/// iphlpapi's NL_NETWORK_CONNECTIVITY_HINT, laid out as Windows passes it: two 32-bit enums and three BOOLEAN bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct WindowsConnectivityHint(int level, WindowsConnectivityCost cost, bool approachingDataLimit, bool overDataLimit, bool roaming)
{
    private readonly int _level = level;
    private readonly WindowsConnectivityCost _cost = cost;
    private readonly byte _approachingDataLimit = approachingDataLimit ? (byte)1 : (byte)0;
    private readonly byte _overDataLimit = overDataLimit ? (byte)1 : (byte)0;
    private readonly byte _roaming = roaming ? (byte)1 : (byte)0;

    /// <summary>NL_NETWORK_CONNECTIVITY_LEVEL_HINT: 0 unknown, 1 none, 2 local, 3 internet, 4 constrained, 5 hidden.</summary>
    public int Level => _level;

    /// <summary>NL_NETWORK_CONNECTIVITY_COST_HINT.</summary>
    public WindowsConnectivityCost Cost => _cost;

    /// <summary>Whether the data plan is near its limit.</summary>
    public bool ApproachingDataLimit => _approachingDataLimit != 0;

    /// <summary>Whether the data plan is over its limit.</summary>
    public bool OverDataLimit => _overDataLimit != 0;

    /// <summary>Whether the connection is roaming.</summary>
    public bool Roaming => _roaming != 0;

    /// <summary>
    /// The BITS cost state of this hint, first match wins (yielding.md Part 2 §7; Windows' own precedence is unknown):
    /// roaming, over the limit (OvercapCharged, the conservative reading), near the limit, variable cost (UsageBased),
    /// fixed cost (CappedUsageUnknown), else Unrestricted.
    /// </summary>
    public NetworkCost ToCost()
    {
        var state = this switch
        {
            { Roaming: true } => NetworkCostStates.Roaming,
            { OverDataLimit: true } => NetworkCostStates.OvercapCharged,
            { ApproachingDataLimit: true } => NetworkCostStates.NearCap,
            { Cost: WindowsConnectivityCost.Variable } => NetworkCostStates.UsageBased,
            { Cost: WindowsConnectivityCost.Fixed } => NetworkCostStates.CappedUsageUnknown,
            _ => NetworkCostStates.Unrestricted,
        };
        return new NetworkCost(
            state,
            WindowsCostSource.SourceName,
            $"cost={Cost}, approachingDataLimit={ApproachingDataLimit}, overDataLimit={OverDataLimit}, roaming={Roaming}");
    }
}
