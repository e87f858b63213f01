using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// Gives the memory of collected job activations back to the operating system. An activation lives long enough to
/// reach the oldest generation, so once Orleans collects idle jobs their memory is garbage that only a full collection
/// frees, and an idle silo allocates too little to ever run one: 100,000 collected jobs kept the silo at its peak.
/// Once a minute (Orleans collects once a minute), when at least <see cref="MinimumReleased"/> job activations were
/// collected since the last time and no fewer than remain, one compacting full collection frees them and hands the
/// memory back. Its pause is short then: most of what it would walk is gone.
/// </summary>
internal sealed partial class JobMemoryRelease(TimeProvider timeProvider, ILogger<JobMemoryRelease> logger) : BackgroundService
{
    /// <summary>Fewer collected activations than this are not worth a full collection (a few MiB at most).</summary>
    public const int MinimumReleased = 1_000;

    private static readonly TimeSpan s_checkInterval = TimeSpan.FromMinutes(1);

    private int _active;
    private int _released;

    /// <summary>Job activations alive now, as the grains reported them.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Job activations collected since the last release.</summary>
    public int Released => Volatile.Read(ref _released);

    /// <summary>True when enough activations were collected, and no fewer than are still alive.</summary>
    public bool IsDue => Released >= MinimumReleased && Released >= Active;

    public void Activated() => Interlocked.Increment(ref _active);

    public void Deactivated()
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _released);
    }

    /// <summary>Runs the full collection when it is due; returns whether it ran.</summary>
    public bool ReleaseIfDue()
    {
        if (!IsDue)
        {
            return false;
        }

        var released = Interlocked.Exchange(ref _released, 0);
        var before = GC.GetTotalMemory(forceFullCollection: false);
        var started = timeProvider.GetTimestamp();

        // Aggressive: compacts and decommits what it freed, so the resident set shrinks and not only the heap.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var pause = timeProvider.GetElapsedTime(started);
        var after = GC.GetTotalMemory(forceFullCollection: false);
        LogReleased(logger, released, Active, before / (1024 * 1024), after / (1024 * 1024), pause.TotalMilliseconds);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_checkInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            ReleaseIfDue();
        }
    }

    [LoggerMessage(EventId = TransferEventIds.JobMemoryReleased, Level = LogLevel.Information,
        Message = "Freed the memory of {Released} collected job activations ({Active} still active): managed heap {BeforeMiB} MiB -> {AfterMiB} MiB in {PauseMs:F0} ms")]
    private static partial void LogReleased(ILogger logger, int released, int active, long beforeMiB, long afterMiB, double pauseMs);
}
