namespace Orleans.Transfer.Uploads;

/// <summary>
/// One virtual directory of the BITS upload server (IIS's BITS extension properties, per directory): a URL path
/// mapped onto a root directory on disk. Validated when the server starts.
/// </summary>
public sealed class BitsVirtualDirectoryOptions
{
    /// <summary>The URL path, starting with '/' and without a trailing one (<c>/uploads</c>). Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>The absolute directory uploads land in; an upload's destination is its URL below <see cref="Path"/>. Required.</summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// The account whose rights every file operation under <see cref="Root"/> is made with (<c>unix:&lt;uid&gt;</c> or a
    /// user name; see the owner-rights file access); null: the service's own account (in another app, its process).
    /// </summary>
    public string? Account { get; set; }

    /// <summary>The largest file accepted, in bytes (BITSMaximumUploadSize); null: no limit. Default null.</summary>
    public long? MaxFileBytes { get; set; }

    /// <summary>The largest fragment accepted, in bytes; a larger one gets 413 and the client sends smaller ones. Default 64 MiB.</summary>
    public int MaxFragmentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Whether an upload may replace an existing file (BITSAllowOverwrites); otherwise 409. Default false.</summary>
    public bool AllowOverwrite { get; set; }

    /// <summary>How long a session may go without a packet before it and its partial file are deleted (BITSSessionTimeout). Default 14 days.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How the server application hears of a finished upload (BITSServerNotificationType). Default None.</summary>
    public BitsNotificationType NotificationType { get; set; } = BitsNotificationType.None;

    /// <summary>
    /// The server application's URL (BITSServerNotificationURL), http or https, absolute or relative to the upload's
    /// URL; the upload URL's query is appended. Required unless <see cref="NotificationType"/> is None.
    /// </summary>
    public string? NotificationUrl { get; set; }

    /// <summary>How long the application may take to answer a notification; on timeout the client retries later. Default 5 minutes.</summary>
    public TimeSpan NotificationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The host name clients send every packet after Create-Session to (BITSHostId, web farms); null for none.</summary>
    public string? HostId { get; set; }

    /// <summary>How long a client keeps trying <see cref="HostId"/> before it falls back to the URL's host; null: never. Default null.</summary>
    public TimeSpan? HostIdFallbackTimeout { get; set; }

    /// <summary>Who may upload. Default Anonymous (only allowed on loopback unless the host says otherwise).</summary>
    public BitsAuthentication Authentication { get; set; } = BitsAuthentication.Anonymous;

    /// <summary>
    /// For <see cref="BitsAuthentication.Basic"/>: a file of <c>user:hash</c> lines, hashes in
    /// <see cref="UploadPasswordHash"/>'s format (<c>xfer upload-user</c> writes them); read at start. Required for Basic.
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// Whether <see cref="Root"/> is on storage every server process behind the URL reaches at the same path (NFS, SMB,
    /// CephFS...): then any process takes any packet of a session. False: one machine's own disk, to be served by one
    /// process only. Null (the default): not said; a silo in a cluster refuses to start with it, since a load
    /// balancer would send a session's packets to silos that cannot see its partial file.
    /// </summary>
    public bool? Shared { get; set; }
}
