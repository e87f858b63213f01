namespace Orleans.Transfer;

/// <summary>
/// The service's bandwidth policy in its configuration form (section <c>Transfer:Bandwidth</c>). Rates are like curl's:
/// <c>512k</c>, <c>10M</c>, <c>1G</c> (1024-based), <c>off</c> for none, <c>0</c> to block background transfers.
/// </summary>
/// <param name="BackgroundLimit">One cap for all background (non-Foreground) traffic, or null.</param>
/// <param name="Timetable">A weekly schedule of background caps instead, e.g. <c>Mon-08:00,512k 12:00,10M 18:00,off</c>.</param>
/// <param name="HighLimit">Cap (or timetable) for High jobs together, or null.</param>
/// <param name="NormalLimit">Cap (or timetable) for Normal jobs together, or null.</param>
/// <param name="LowLimit">Cap (or timetable) for Low jobs together, or null.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.BandwidthPolicySpec")]
public sealed record BandwidthPolicySpec(
    string? BackgroundLimit = null,
    string? Timetable = null,
    string? HighLimit = null,
    string? NormalLimit = null,
    string? LowLimit = null);
