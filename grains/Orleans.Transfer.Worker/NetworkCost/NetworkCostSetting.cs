namespace Orleans.Transfer.Worker;

/// <summary>Parses <see cref="NetworkCostOptions.Cost"/>: <c>Auto</c> or the name of one BITS cost state.</summary>
public static class NetworkCostSetting
{
    private static readonly (string Name, NetworkCostStates State)[] s_names =
    [
        ("Unrestricted", NetworkCostStates.Unrestricted),
        ("Metered", NetworkCostStates.CappedUsageUnknown),
        ("CappedUsageUnknown", NetworkCostStates.CappedUsageUnknown),
        ("BelowCap", NetworkCostStates.BelowCap),
        ("NearCap", NetworkCostStates.NearCap),
        ("OvercapCharged", NetworkCostStates.OvercapCharged),
        ("OvercapThrottled", NetworkCostStates.OvercapThrottled),
        ("UsageBased", NetworkCostStates.UsageBased),
        ("Roaming", NetworkCostStates.Roaming),
    ];

    /// <summary>Every accepted value, for messages: <c>Auto</c> first.</summary>
    public static IReadOnlyList<string> Names { get; } = [NetworkCostOptions.Auto, .. s_names.Select(n => n.Name)];

    /// <summary>
    /// Reads <paramref name="value"/>: true with <paramref name="state"/> null for <c>Auto</c>, true with the state for
    /// a state name, false for anything else (numbers, None, IgnoreCongestion, empty).
    /// </summary>
    public static bool TryParse(string? value, out NetworkCostStates? state)
    {
        state = null;
        var key = value?.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        if (key.Equals(NetworkCostOptions.Auto, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var (name, named) in s_names)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                state = named;
                return true;
            }
        }

        return false;
    }
}
