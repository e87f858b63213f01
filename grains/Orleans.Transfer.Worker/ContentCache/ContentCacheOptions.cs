namespace Orleans.Transfer.Worker;

/// <summary>
/// The cluster content cache (configuration section <see cref="SectionName"/>, docs/cluster.md "Content cache"): jobs
/// that download the same public content fetch it from the origin once; the first fills a block store under
/// <see cref="Directory"/> and the others copy its verified blocks. Off while <see cref="Directory"/> is unset.
/// </summary>
public sealed class ContentCacheOptions
{
    /// <summary>The configuration section: <c>Transfer:Cache</c>.</summary>
    public const string SectionName = "Transfer:Cache";

    /// <summary>The size of a block, each with its own SHA-256: 1 MiB.</summary>
    public const int BlockSize = 1024 * 1024;

    /// <summary>
    /// The absolute directory of the block store (environment <c>XFER_CACHE_DIR</c>), or null (default) for no cache.
    /// In a cluster it must be storage every silo reaches at the same path; it is the service's own (mode 0700).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// The most bytes the store keeps; past it, whole contents not in use are deleted, least recently used first.
    /// Default 10 GiB; at least one block.
    /// </summary>
    public long MaxBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// How long a job waits for the filler's next block before it fetches the rest from the origin itself; also how
    /// long a filler may go without a block before another job may take its place. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a directory is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Directory);
}
