using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A weekly bandwidth schedule in rclone's <c>--bwlimit</c> form: space-separated <c>[Day-]HH:MM,RATE</c> entries,
/// e.g. <c>Mon-08:00,512k 12:00,10M 18:00,off</c>, or a single <c>RATE</c> for all the time. Days are Mon..Sun;
/// an entry without a day applies every day. The entry in force is the latest one at or before now, wrapping
/// around the week. Times are the silo's local time.
/// </summary>
public sealed class Timetable
{
    private static readonly TimeSpan s_week = TimeSpan.FromDays(7);
    private static readonly string[] s_days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    // Each entry placed on the week (from Monday 00:00), every-day entries once per day, in order.
    private readonly (TimeSpan At, long? Limit)[] _points;

    private Timetable(IReadOnlyList<TimetableEntry> entries)
    {
        Entries = entries;
        _points = [.. entries
            .SelectMany(e => (e.Day is { } day ? [day] : Enum.GetValues<DayOfWeek>())
                .Select(d => (At: DayStart(d) + e.Time.ToTimeSpan(), Limit: e.BytesPerSecond)))
            .OrderBy(p => p.At)];
    }

    /// <summary>The entries in the order written.</summary>
    public IReadOnlyList<TimetableEntry> Entries { get; }

    /// <summary>Parses a timetable (or a single rate).</summary>
    /// <exception cref="FormatException">The text is not a timetable; the message names the bad entry.</exception>
    public static Timetable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 1 && !tokens[0].Contains(',', StringComparison.Ordinal))
        {
            return new Timetable([new TimetableEntry(null, TimeOnly.MinValue, TransferRate.Parse(tokens[0]))]);
        }

        if (tokens.Length == 0)
        {
            throw new FormatException("The timetable is empty; use entries like 'Mon-08:00,512k 18:00,off' or a single rate.");
        }

        var entries = tokens.Select(ParseEntry).ToList();
        var duplicate = entries.GroupBy(e => (e.Day, e.Time)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"The timetable has two entries for {Describe(duplicate.Key.Day, duplicate.Key.Time)}.");
        }

        return new Timetable(entries);
    }

    /// <summary>The limit in force at <paramref name="localTime"/> and how long until it changes.</summary>
    public ScheduledLimit At(DateTime localTime)
    {
        var now = DayStart(localTime.DayOfWeek) + localTime.TimeOfDay;
        var current = Array.FindLastIndex(_points, p => p.At <= now);
        if (current < 0)
        {
            current = _points.Length - 1;
        }

        var limit = _points[current].Limit;
        for (var step = 1; step <= _points.Length; step++)
        {
            var next = _points[(current + step) % _points.Length];
            if (next.Limit != limit)
            {
                var until = next.At - now;
                return new ScheduledLimit(limit, until <= TimeSpan.Zero ? until + s_week : until);
            }
        }

        return new ScheduledLimit(limit, null);
    }

    /// <summary>The timetable in the form <see cref="Parse"/> reads.</summary>
    public override string ToString() =>
        Entries is [{ Day: null, Time.Ticks: 0 } only]
            ? TransferRate.Format(only.BytesPerSecond)
            : string.Join(' ', Entries.Select(e => $"{Describe(e.Day, e.Time)},{TransferRate.Format(e.BytesPerSecond)}"));

    private static TimetableEntry ParseEntry(string token)
    {
        var comma = token.IndexOf(',', StringComparison.Ordinal);
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        DayOfWeek? day = null;
        if (dash > 0 && (comma < 0 || dash < comma))
        {
            var index = Array.FindIndex(s_days, d => d.Equals(token[..dash], StringComparison.OrdinalIgnoreCase));
            day = index >= 0 ? (DayOfWeek)index : throw Bad(token, $"'{token[..dash]}' is not a day (Mon..Sun)");
        }

        var timeStart = day is null ? 0 : dash + 1;
        if (comma < 0
            || !TimeOnly.TryParseExact(token[timeStart..comma], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw Bad(token, "expected [Day-]HH:MM,RATE");
        }

        return TransferRate.TryParse(token[(comma + 1)..], out var rate)
            ? new TimetableEntry(day, time, rate)
            : throw Bad(token, $"'{token[(comma + 1)..]}' is not a rate (e.g. 512k, 10M, off, 0)");
    }

    private static FormatException Bad(string token, string problem) => new($"Timetable entry '{token}': {problem}.");

    private static string Describe(DayOfWeek? day, TimeOnly time) =>
        (day is { } d ? s_days[(int)d] + "-" : string.Empty) + time.ToString("HH:mm", CultureInfo.InvariantCulture);

    // Weeks start on Monday, as in rclone; only the order matters, since lookups wrap around.
    private static TimeSpan DayStart(DayOfWeek day) => TimeSpan.FromDays(((int)day + 6) % 7);
}
