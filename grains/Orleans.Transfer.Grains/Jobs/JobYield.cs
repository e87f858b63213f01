using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>One job's yield status from those of its files in flight (more than one with parallel files).</summary>
internal static class JobYield
{
    /// <summary>
    /// Null when no file yields. Otherwise the job yields while any of its connections does; its window and rate are
    /// the sums of theirs (no rate when one connection has no cap, as the job as a whole then has none); the interface
    /// and delay signal are those of the lowest file, which is the one the job waits on.
    /// </summary>
    /// <param name="byFileOrder">The running files' statuses, lowest file index first; null for a file not controlled.</param>
    public static JobYieldInfo? Combine(IEnumerable<JobYieldInfo?> byFileOrder)
    {
        JobYieldInfo? combined = null;
        foreach (var status in byFileOrder)
        {
            if (status is null)
            {
                continue;
            }

            combined = combined is null
                ? status
                : combined with
                {
                    Yielding = combined.Yielding || status.Yielding,
                    WindowBytes = combined.WindowBytes + status.WindowBytes,
                    RateBytesPerSecond = combined.RateBytesPerSecond + status.RateBytesPerSecond,
                };
        }

        return combined;
    }
}
