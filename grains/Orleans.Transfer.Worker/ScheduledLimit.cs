namespace Orleans.Transfer.Worker;

/// <summary>The limit a <see cref="Timetable"/> puts in force at some moment.</summary>
/// <param name="BytesPerSecond">The limit; null is unlimited, 0 blocks.</param>
/// <param name="ChangesIn">Time until the limit next changes, or null if it never does.</param>
public readonly record struct ScheduledLimit(long? BytesPerSecond, TimeSpan? ChangesIn);
