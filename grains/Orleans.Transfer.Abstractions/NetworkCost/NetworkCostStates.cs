namespace Orleans.Transfer;

/// <summary>
/// BITS' network cost states (<c>BITS_COST_STATE_*</c>, B84). The network is in exactly one state; a job's transfer
/// policy is a mask of the states it may transfer in, plus <see cref="IgnoreCongestion"/>. The values are BITS' own.
/// </summary>
[Flags]
public enum NetworkCostStates : uint
{
    /// <summary>No state: a policy of none never transfers.</summary>
    None = 0,

    /// <summary>Unlimited (or not known to be limited).</summary>
    Unrestricted = 0x1,

    /// <summary>A data plan with a cap whose usage is unknown (a metered connection).</summary>
    CappedUsageUnknown = 0x2,

    /// <summary>Under the plan's cap.</summary>
    BelowCap = 0x4,

    /// <summary>Near the plan's cap.</summary>
    NearCap = 0x8,

    /// <summary>Over the cap, and charged for it.</summary>
    OvercapCharged = 0x10,

    /// <summary>Over the cap, and throttled.</summary>
    OvercapThrottled = 0x20,

    /// <summary>Paid by usage.</summary>
    UsageBased = 0x40,

    /// <summary>Roaming.</summary>
    Roaming = 0x80,

    /// <summary>A policy option, not a state: BITS' "ignore congestion" bit, set in every preset.</summary>
    IgnoreCongestion = 0x80000000,
}
