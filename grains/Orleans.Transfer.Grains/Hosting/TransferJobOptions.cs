using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// Service-wide job limits and time limits (configuration section <c>Transfer:Jobs</c>). BITS' own limits (60 jobs per
/// user, 300 per machine, 200 files per job) are far below what update servers and batch clients here need, so the
/// defaults are higher; only unfinished jobs count.
/// </summary>
public sealed class TransferJobOptions
{
    public const string SectionName = "Transfer:Jobs";

    /// <summary>Unfinished jobs one owner may have (B102). Default: 20,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxJobsPerOwner { get; set; } = 20_000;

    /// <summary>
    /// Unfinished jobs an administrator or a trusted service may have (BITS keeps a separate, larger quota for them).
    /// Default: 100,000.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxJobsPerAdministrator { get; set; } = 100_000;

    /// <summary>Unfinished jobs the service may hold (B101). Default: 100,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxJobs { get; set; } = 100_000;

    /// <summary>Files one job may hold (B103). Default: 10,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFilesPerJob { get; set; } = 10_000;

    /// <summary>
    /// Jobs one batch create (<see cref="IJobBatchGrain.CreateAsync"/>) may hold, 1 to 100,000; a larger batch is
    /// refused whole. It bounds one call's message and one storage transaction. Default: 1,000.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Transfer:Jobs:MaxJobsPerCreateCall must be 1 to 100000.")]
    public int MaxJobsPerCreateCall { get; set; } = 1_000;

    /// <summary>
    /// Files of one job transferred at once (1 to 64). They still complete in file order: a file that finishes early is
    /// held until every earlier file has completed, so events and notifications keep BITS' order (B38). While a job has
    /// more than one file left each takes one connection (segmented downloads are for a job's last file). Default: 16,
    /// so a job of many small files hides each file's round trips and final fsync behind the others' (a small file's
    /// fsync takes longer than its request; files that finish together are committed together): one job of 1,000
    /// small files took 0.85x the time and 0.86x the CPU of 4 in flight (docs/benchmarks.md, "16 files in flight").
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelFilesPerJob { get; set; } = 16;

    /// <summary>
    /// Connections one job holds at once to one server (scheme, host and port; after a redirect, the server redirected
    /// to), over its files in flight and the segments of a segmented download together (1 to 16). A connection holds
    /// its slot while the file's bytes arrive, not while the file is flushed and renamed, so more files than this stay
    /// in flight (<see cref="MaxParallelFilesPerJob"/>) and overlap their finishing with other files' requests. A
    /// segmented download splits into no more segments than the slots free when it starts. Across jobs the scheduler's
    /// running jobs times this cap bound what one server sees. Default: 6, as many as browsers open to one host: one job
    /// of 1,000 small files took the same time and CPU with 4, 6 or 8 as with main's 16 connections (docs/benchmarks.md,
    /// "a per-server connection cap per job").
    /// </summary>
    [Range(1, 16, ErrorMessage = "Transfer:Jobs:MaxConnectionsPerServer must be 1 (one connection per server, as BITS) to 16.")]
    public int MaxConnectionsPerServer { get; set; } = 6;

    /// <summary>
    /// A job with no progress and no owner activity for this long is cancelled and its temporary files deleted (B31).
    /// Default: 90 days.
    /// </summary>
    public TimeSpan JobInactivityTimeout { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a final job (Acknowledged or Cancelled) is kept after its last change before it is removed from the
    /// catalog and from grain storage; until then 'xfer job list --all' and 'xfer job info' still show it. BITS removes
    /// such jobs at once; zero does the same (at the next sweep). Default: 7 days.
    /// </summary>
    public TimeSpan FinalJobRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a job's progress alone reaches storage and its catalog row (state changes always do): a crash loses at
    /// most this much of the listing's progress, never bytes on disk (the worker's checkpoints keep those). Positive, at
    /// most 1 hour. Default: 2 seconds.
    /// </summary>
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the silo looks for inactive jobs and for final jobs past their retention. Default: 1 hour.</summary>
    public TimeSpan InactivitySweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A job's grain that has had no call for this long leaves memory (Orleans grain collection); its next call, or its
    /// wake-up reminder, brings it back from storage. A job whose transfer is running or waiting for a slot stays, and
    /// so does one a client watches (observers renew every minute). 2 minutes to 1 day: Orleans collects once a minute,
    /// and wake-up reminders and observer renewals come every minute. Default: 2 minutes.
    /// </summary>
    public TimeSpan IdleDeactivationAge { get; set; } = TimeSpan.FromMinutes(2);
}
