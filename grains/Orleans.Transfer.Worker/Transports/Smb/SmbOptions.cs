namespace Orleans.Transfer.Worker;

/// <summary>How the platform SMB client talks to shares, configuration section <see cref="SectionName"/>.</summary>
public sealed class SmbOptions
{
    /// <summary>The configuration section: <c>Transfer:Worker:Smb</c>.</summary>
    public const string SectionName = "Transfer:Worker:Smb";

    /// <summary>The smallest <see cref="ChunkBytes"/>: 64 KiB.</summary>
    public const int MinChunkBytes = 64 * 1024;

    /// <summary>The largest <see cref="ChunkBytes"/>: 16 MiB.</summary>
    public const int MaxChunkBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The most bytes one native read or write moves. On Linux every libsmbclient call runs on one thread per process,
    /// so large chunks keep that queue's cost per byte low. Default 1 MiB; 64 KiB to 16 MiB.
    /// </summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long one call to the server may take before it fails as a lost connection (libsmbclient's timeout; Windows'
    /// redirector keeps its own). Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an unused connection (a libsmbclient context, or a Windows connection made with a job's credential) is
    /// kept for the next call before it is closed. Default 5 min; zero (closed at the next sweep, within a second) to 1 day.
    /// </summary>
    public TimeSpan IdleConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
