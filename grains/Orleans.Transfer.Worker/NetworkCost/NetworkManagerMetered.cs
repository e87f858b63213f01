namespace Orleans.Transfer.Worker;

/// <summary>
/// NetworkManager's <c>Metered</c> property (NMMetered) as a BITS cost state: yes and guess-yes are metered
/// (CappedUsageUnknown; NetworkManager's docs say to treat a guess as yes), unknown, no and guess-no are Unrestricted.
/// </summary>
public static class NetworkManagerMetered
{
    /// <summary>The source name NetworkManager's readings carry.</summary>
    public const string SourceName = "NetworkManager";

    /// <summary>The cost NetworkManager's <c>Metered</c> value <paramref name="metered"/> means.</summary>
    public static NetworkCost ToCost(uint metered) => metered switch
    {
        1 => new(NetworkCostStates.CappedUsageUnknown, SourceName, "Metered=yes"),
        3 => new(NetworkCostStates.CappedUsageUnknown, SourceName, "Metered=guess-yes"),
        0 => new(NetworkCostStates.Unrestricted, SourceName, "Metered=unknown"),
        2 => new(NetworkCostStates.Unrestricted, SourceName, "Metered=no"),
        4 => new(NetworkCostStates.Unrestricted, SourceName, "Metered=guess-no"),
        _ => new(NetworkCostStates.Unrestricted, SourceName, $"Metered={metered} (a value NetworkManager does not document)"),
    };
}
