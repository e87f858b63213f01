namespace Orleans.Transfer.Worker;

/// <summary>
/// The silo's file flusher (configuration section <see cref="SectionName"/>): the final fsync of each finished download
/// runs on a few dedicated threads instead of a thread-pool thread, so the pool never blocks on the disk and the fsyncs
/// of files that finish together run at once, which ext4 commits in one journal transaction (docs/benchmarks.md, "small").
/// </summary>
public sealed class FileFlushOptions
{
    /// <summary>The configuration section: <c>Transfer:Flush</c>.</summary>
    public const string SectionName = "Transfer:Flush";

    /// <summary>The most threads the flusher keeps.</summary>
    public const int MaxThreadsLimit = 64;

    /// <summary>
    /// Dedicated threads, each running one fsync at a time; files handed over while all are busy wait in order. They
    /// use no CPU while they wait on the disk, and enough of them let every file in flight commit together. Default 8;
    /// 1 to <see cref="MaxThreadsLimit"/>.
    /// </summary>
    public int Threads { get; set; } = 8;
}
