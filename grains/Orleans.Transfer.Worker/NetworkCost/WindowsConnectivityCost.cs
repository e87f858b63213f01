namespace Orleans.Transfer.Worker;

/// <summary>iphlpapi's NL_NETWORK_CONNECTIVITY_COST_HINT.</summary>
public enum WindowsConnectivityCost
{
    /// <summary>NetworkConnectivityCostHintUnknown.</summary>
    Unknown = 0,

    /// <summary>NetworkConnectivityCostHintUnrestricted.</summary>
    Unrestricted = 1,

    /// <summary>NetworkConnectivityCostHintFixed: a data plan with a cap.</summary>
    Fixed = 2,

    /// <summary>NetworkConnectivityCostHintVariable: paid by usage.</summary>
    Variable = 3,
}
