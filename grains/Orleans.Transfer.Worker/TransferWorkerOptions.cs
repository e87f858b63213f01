using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Tuning of <see cref="TransferWorker"/> (configuration section <see cref="SectionName"/> in the silo). The defaults
/// suit loopback through WAN links.
/// </summary>
public sealed class TransferWorkerOptions
{
    /// <summary>The configuration section: <c>Transfer:Worker</c>.</summary>
    public const string SectionName = "Transfer:Worker";

    /// <summary>
    /// Bytes read from the source before one write to the temp file. Default 1 MiB (256 KiB to 16 MiB): large writes
    /// keep the download from being bound by syscalls. Each running file holds one such pooled buffer.
    /// </summary>
    [Range(256 * 1024, 16 * 1024 * 1024)]
    public int BufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Bytes written between checkpoints (fsync, then a Checkpoint event). Default 8 MiB; at least 1. An interruption
    /// re-fetches at most about this much (or what arrives in <see cref="CheckpointInterval"/>).
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long CheckpointBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Longest time between checkpoints while bytes flow. Default 2 s; more than zero.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A connection that delivers no bytes (or no response headers) for this long counts as a network error.
    /// Default 60 s; more than zero.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The slowest a source may deliver, in bytes per second, measured over <see cref="MinimumRateWindow"/> of time spent
    /// waiting for it; slower ends the run with the transient error TooSlow, so a server that drips a byte every few
    /// seconds (never slow enough for <see cref="StallTimeout"/>) cannot hold a transfer slot forever. Default 256
    /// (0 turns the check off). Time spent waiting on a bandwidth limit (the job's, its priority's or the background
    /// cap) is not counted, so a throttled job never trips it, and a job capped below the minimum needs only its cap.
    /// Even the slowest links in use (GPRS, 56k modems: 5 KiB/s and more) are twenty times faster than the default.
    /// </summary>
    [Range(0L, long.MaxValue)]
    public long MinimumBytesPerSecond { get; set; } = 256;

    /// <summary>
    /// The time spent waiting for the source over which <see cref="MinimumBytesPerSecond"/> is measured. Default 2 min
    /// (twice the default <see cref="StallTimeout"/>, so a pause a stall would forgive does not fail it); more than zero.
    /// </summary>
    public TimeSpan MinimumRateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The largest file one download may write, in bytes: a larger Content-Length fails the file before anything is
    /// written, and a server that sends no length (or more than it announced) is stopped when the file reaches it. The
    /// file fails with the fatal error TooLarge and its partial data is deleted. Default 1 TiB (1099511627776), at least
    /// 1: far above the largest files clients fetch in practice (disk images and datasets of tens to hundreds of GiB), so
    /// it never stops a legitimate download, yet it bounds an endless stream. Lower it on small disks.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 1L << 40;

    /// <summary>Time allowed to open a TCP (and TLS) connection. Default 30 s; more than zero.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Quick retries inside one run after a dropped, refused or stalled connection, keeping the bytes already
    /// written and resuming with Range. Default 3 (0 to 20); longer outages are retried by the job.
    /// </summary>
    [Range(0, 20)]
    public int RetryCount { get; set; } = 3;

    /// <summary>First back-off of those retries, doubled each time with jitter. Default 200 ms; zero or more.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a pooled connection is reused, so DNS changes are picked up. Default 5 min; more than zero.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most connections one HTTP(S) download may use at once, each fetching a segment of the file (a job may set
    /// its own with <c>--segments</c>). Default 4 (1 to 16; 1 keeps every file on one connection): an origin that
    /// limits each connection's rate then serves four times as fast, as aria2's <c>-x4</c> does, while a server sees
    /// no more connections from one file than a browser opens to it. Only files that allow it are split: a server with
    /// ranges, a length and a strong ETag, not dynamic content or byte ranges, at least two segments of
    /// <see cref="MinSegmentBytes"/>, and a job whose connections do not yield to foreground traffic.
    /// </summary>
    [Range(1, 16, ErrorMessage = "Transfer:Worker:Segments must be 1 (one connection per file) to 16.")]
    public int Segments { get; set; } = 4;

    /// <summary>
    /// The smallest segment worth its own connection, in bytes. Default 16 MiB (at least 64 KiB): below it a new
    /// connection's slow start and request cost more than it brings, so a file is split only when each of at least two
    /// segments gets this much.
    /// </summary>
    [Range(64L * 1024, long.MaxValue, ErrorMessage = "Transfer:Worker:MinSegmentBytes must be at least 65536 (64 KiB).")]
    public long MinSegmentBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The User-Agent header sent with every request. Default <c>Orleans.Transfer/1.0</c>.</summary>
    [Required]
    public string UserAgent { get; set; } = "Orleans.Transfer/1.0";
}
