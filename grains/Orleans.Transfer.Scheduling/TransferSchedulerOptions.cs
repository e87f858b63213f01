using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Scheduling;

/// <summary>Tuning of <see cref="TransferScheduler"/>, bound from the <c>Transfer:Scheduler</c> configuration section.</summary>
public sealed class TransferSchedulerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Transfer:Scheduler";

    /// <summary>
    /// Background (High, Normal, Low) jobs that may transfer at once on this silo. Default 2 (1 to 1000).
    /// Foreground jobs do not count: they have their own limit, <see cref="MaxConcurrentForegroundJobs"/>.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentBackgroundJobs { get; set; } = 2;

    /// <summary>
    /// Foreground jobs that may transfer at once on this silo. Default 8 (1 to 1000). BITS runs every Foreground job at
    /// once, so one caller creating many of them opens as many connections as it likes; beyond this limit Foreground
    /// jobs queue (first come, first served) and the running ones take turns every <see cref="TimeSlice"/>, as equal
    /// background jobs do. They never wait for, take, or pre-empt background slots.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentForegroundJobs { get; set; } = 8;

    /// <summary>
    /// How long a job transfers before it yields to a waiting job of equal or higher priority (for Foreground jobs:
    /// another Foreground job), so a large
    /// job cannot starve small ones. With nobody waiting the slice renews. Default 30 s; more than zero.
    /// </summary>
    public TimeSpan TimeSlice { get; set; } = TimeSpan.FromSeconds(30);
}
