namespace Orleans.Transfer.Worker;

/// <summary>
/// An immutable snapshot of the silo's bandwidth policy: a schedule for the cap shared by all background jobs, and one
/// per background priority. A null schedule is unlimited. Foreground jobs are never limited by it.
/// </summary>
/// <param name="Background">Cap shared by all High, Normal and Low jobs, or null.</param>
/// <param name="High">Cap shared by High jobs, or null.</param>
/// <param name="Normal">Cap shared by Normal jobs, or null.</param>
/// <param name="Low">Cap shared by Low jobs, or null.</param>
public sealed record BandwidthPolicy(Timetable? Background, Timetable? High = null, Timetable? Normal = null, Timetable? Low = null)
{
    /// <summary>No limits.</summary>
    public static BandwidthPolicy Unlimited { get; } = new(Background: null);

    /// <summary>Builds the policy from its configuration form.</summary>
    /// <exception cref="FormatException">A value is malformed; the message names its configuration key.</exception>
    public static BandwidthPolicy FromOptions(BandwidthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BackgroundLimit is not null && options.Timetable is not null)
        {
            throw new FormatException(
                $"{BandwidthOptions.SectionName}: set either BackgroundLimit or Timetable, not both (the timetable replaces the limit).");
        }

        var background = options.Timetable is { } table
            ? Parse(nameof(options.Timetable), table)
            : options.BackgroundLimit is { } limit ? Parse(nameof(options.BackgroundLimit), limit, rateOnly: true) : null;
        var priorities = options.PriorityLimits ?? new PriorityLimitOptions();
        return new BandwidthPolicy(
            background,
            Parse("PriorityLimits:High", priorities.High),
            Parse("PriorityLimits:Normal", priorities.Normal),
            Parse("PriorityLimits:Low", priorities.Low));
    }

    /// <summary>The cap shared by jobs of <paramref name="priority"/>, or null; always null for Foreground.</summary>
    public Timetable? ForPriority(JobPriority priority) => priority switch
    {
        JobPriority.High => High,
        JobPriority.Normal => Normal,
        JobPriority.Low => Low,
        _ => null,
    };

    /// <summary>The policy in its configuration form, for display and for <c>policy set</c>.</summary>
    public BandwidthOptions ToOptions()
    {
        var single = Background is { Entries: [{ Day: null, Time.Ticks: 0 }] };
        return new BandwidthOptions
        {
            BackgroundLimit = single ? Background!.ToString() : null,
            Timetable = single ? null : Background?.ToString(),
            PriorityLimits = new PriorityLimitOptions { High = High?.ToString(), Normal = Normal?.ToString(), Low = Low?.ToString() },
        };
    }

    private static Timetable? Parse(string key, string? value, bool rateOnly = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            if (rateOnly)
            {
                TransferRate.Parse(value);
            }

            return Timetable.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{BandwidthOptions.SectionName}:{key}: {ex.Message}", ex);
        }
    }
}
