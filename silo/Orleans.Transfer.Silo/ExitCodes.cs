namespace Orleans.Transfer.Silo;

/// <summary>The silo's documented exit codes besides 0 (stopped) and the host's own failures.</summary>
internal static class ExitCodes
{
    /// <summary>Another silo holds the data directory's lock.</summary>
    public const int DataDirectoryInUse = 3;

    /// <summary>The local API's socket path cannot be bound (relative or too long); the message names the variable to set.</summary>
    public const int InvalidLocalApiAddress = 4;

    /// <summary>The data directory cannot be made private (0700, files 0600) to the service account; the message says why.</summary>
    public const int DataDirectoryNotPrivate = 5;

    /// <summary>The upload server is configured but cannot be hosted (a missing root, a non-loopback address without a certificate); the message names the setting.</summary>
    public const int InvalidUploadServer = 6;

    /// <summary>Telemetry export is configured but invalid (an OTLP endpoint that is not an http(s) URL, a bad port); the message names the setting.</summary>
    public const int InvalidTelemetry = 7;

    /// <summary>A cluster id is set with a storage profile other than PostgreSql (there is no SQLite membership table); the message says what to set.</summary>
    public const int ClusteringNeedsPostgreSql = 8;

    /// <summary>The upload server's or the Prometheus endpoint's port cannot be bound (in use, not permitted); the message names the setting and the port.</summary>
    public const int PortUnavailable = 9;
}
