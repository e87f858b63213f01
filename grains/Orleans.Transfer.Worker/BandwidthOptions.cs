namespace Orleans.Transfer.Worker;

/// <summary>
/// Bandwidth policy as configured (section <see cref="SectionName"/>, reloaded on change). Rates are bytes per second
/// with K/M/G suffixes (1024-based), <c>off</c> for unlimited and <c>0</c> to block; see <see cref="TransferRate"/>
/// and <see cref="Worker.Timetable"/>. Foreground jobs ignore all of these; they obey only their own per-job cap.
/// </summary>
public sealed class BandwidthOptions
{
    /// <summary>The configuration section: <c>Transfer:Bandwidth</c>.</summary>
    public const string SectionName = "Transfer:Bandwidth";

    /// <summary>
    /// Cap shared by all background (High, Normal, Low) jobs of this silo when no <see cref="Timetable"/> is set.
    /// Default null (<c>off</c>, unlimited).
    /// </summary>
    public string? BackgroundLimit { get; set; }

    /// <summary>
    /// Weekly schedule of the background cap, e.g. <c>Mon-08:00,512k 12:00,10M 18:00,off</c>; replaces
    /// <see cref="BackgroundLimit"/>, so set only one of the two. Default null (none).
    /// </summary>
    public string? Timetable { get; set; }

    /// <summary>Caps per background priority, each a rate or a timetable, on top of the background cap. Default none.</summary>
    public PriorityLimitOptions PriorityLimits { get; set; } = new();
}
