namespace Orleans.Transfer.Worker;

/// <summary>One entry of a <see cref="Timetable"/>: from <paramref name="Time"/> on, the limit is <paramref name="BytesPerSecond"/>.</summary>
/// <param name="Day">The day the entry applies to, or null for every day.</param>
/// <param name="Time">Local time of day the entry starts.</param>
/// <param name="BytesPerSecond">The limit; null is unlimited, 0 blocks.</param>
public sealed record TimetableEntry(DayOfWeek? Day, TimeOnly Time, long? BytesPerSecond);
