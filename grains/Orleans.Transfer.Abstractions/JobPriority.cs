namespace Orleans.Transfer;

/// <summary>Job priority (BITS <c>BG_JOB_PRIORITY</c>); lower values run first.</summary>
public enum JobPriority
{
    /// <summary>Transfers in the foreground, not limited by background caps.</summary>
    Foreground = 0,

    /// <summary>Highest background priority.</summary>
    High = 1,

    /// <summary>The default.</summary>
    Normal = 2,

    /// <summary>Lowest background priority.</summary>
    Low = 3,
}
