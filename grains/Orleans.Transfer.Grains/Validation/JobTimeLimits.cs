using Orleans.Transfer.Grains.Jobs;

namespace Orleans.Transfer.Grains.Validation;

/// <summary>
/// Upper limits on a job's time settings, refused at set time: far beyond any sensible value, yet small enough that
/// the retry path's date arithmetic and timers stay in range.
/// </summary>
internal static class JobTimeLimits
{
    /// <summary>The longest MinimumRetryDelay: 30 days, the longest a retry timer waits (<see cref="RetryPolicy.MaxRetryWait"/>).</summary>
    public static readonly TimeSpan MaxMinimumRetryDelay = RetryPolicy.MaxRetryWait;

    /// <summary>The longest NoProgressTimeout: 3650 days (BITS' default is 14 days).</summary>
    public static readonly TimeSpan MaxNoProgressTimeout = TimeSpan.FromDays(3650);

    /// <summary>The longest MaxDownloadTime: 3650 days (the default is 90 days).</summary>
    public static readonly TimeSpan MaxMaxDownloadTime = TimeSpan.FromDays(3650);
}
