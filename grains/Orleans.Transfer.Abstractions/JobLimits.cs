namespace Orleans.Transfer;

/// <summary>Input limits shared by the service and its clients (BITS B01, B06, B07, B39, B40).</summary>
public static class JobLimits
{
    /// <summary>Maximum display name length.</summary>
    public const int MaxDisplayNameLength = 256;

    /// <summary>Maximum description length.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>
    /// Maximum owner length: ample for <c>unix:&lt;uid&gt;</c>, a Windows SID or a service's own identifier, and it keeps
    /// a trusted caller from storing an unbounded string in every row and index entry.
    /// </summary>
    public const int MaxOwnerLength = 256;

    /// <summary>Maximum remote URL length.</summary>
    public const int MaxUrlLength = 2200;

    /// <summary>Maximum number of byte ranges per file.</summary>
    public const int MaxRangesPerFile = 500;

    /// <summary>Jobs per listing page when the query names no page size.</summary>
    public const int DefaultListPageSize = 100;

    /// <summary>Largest listing page.</summary>
    public const int MaxListPageSize = 1000;

    /// <summary>Largest slice of a job's files one <see cref="ITransferJobGrain.GetFilesAsync"/> call returns.</summary>
    public const int MaxFilesPageSize = 1000;

    /// <summary>History entries a job keeps: its newest 500; older ones are dropped and counted.</summary>
    public const int HistoryEntriesKept = 500;

    /// <summary>Largest page of a job's history; also the default.</summary>
    public const int MaxHistoryPageSize = 500;

    /// <summary>Smallest allowed MinimumRetryDelay.</summary>
    public static readonly TimeSpan MinimumRetryDelayFloor = TimeSpan.FromSeconds(5);

    /// <summary>Default MinimumRetryDelay: 600 seconds.</summary>
    public static readonly TimeSpan DefaultMinimumRetryDelay = TimeSpan.FromSeconds(600);

    /// <summary>Default MaxDownloadTime: 90 days of connecting and transferring (B90).</summary>
    public static readonly TimeSpan DefaultMaxDownloadTime = TimeSpan.FromDays(90);

    /// <summary>Default NoProgressTimeout: 14 days.</summary>
    public static readonly TimeSpan DefaultNoProgressTimeout = TimeSpan.FromDays(14);
}
