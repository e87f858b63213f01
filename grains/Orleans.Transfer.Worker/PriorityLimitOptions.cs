namespace Orleans.Transfer.Worker;

/// <summary>
/// Per-priority caps, each shared by all jobs of that priority: a rate (<c>512k</c>) or a timetable
/// (<c>Mon-08:00,128k Mon-17:00,512k</c>, e.g. work hours and non-work hours as in BITS group policy). Default null
/// (unlimited) for each.
/// </summary>
public sealed class PriorityLimitOptions
{
    /// <summary>Cap for all High-priority jobs together. Default null (unlimited).</summary>
    public string? High { get; set; }

    /// <summary>Cap for all Normal-priority jobs together. Default null (unlimited).</summary>
    public string? Normal { get; set; }

    /// <summary>Cap for all Low-priority jobs together. Default null (unlimited).</summary>
    public string? Low { get; set; }
}
