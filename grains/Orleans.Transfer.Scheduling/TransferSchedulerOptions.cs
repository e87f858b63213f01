using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Scheduling;

/// <summary>Tuning of <see cref="TransferScheduler"/>, bound from the <c>Transfer:Scheduler</c> configuration section.</summary>
public sealed class TransferSchedulerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Transfer:Scheduler";

    /// <summary>
    /// Background (High, Normal, Low) jobs that may transfer at once on this silo. Default 2 (1 to 1000).
    /// Foreground jobs are never limited and do not count.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentBackgroundJobs { get; set; } = 2;

    /// <summary>
    /// How long a background job transfers before it yields to a waiting job of equal or higher priority, so a large
    /// job cannot starve small ones. With nobody waiting the slice renews. Default 30 s; more than zero.
    /// </summary>
    public TimeSpan TimeSlice { get; set; } = TimeSpan.FromSeconds(30);
}
