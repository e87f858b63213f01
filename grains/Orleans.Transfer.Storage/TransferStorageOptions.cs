namespace Orleans.Transfer.Storage;

/// <summary>Storage settings, bound from the <c>Transfer:Storage</c> configuration section.</summary>
public sealed class TransferStorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Transfer:Storage";

    /// <summary>The file name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "transfer.db";

    /// <summary>Which database to use. Default: <see cref="StorageProfile.Sqlite"/>.</summary>
    public StorageProfile Profile { get; set; } = StorageProfile.Sqlite;

    /// <summary>
    /// Npgsql connection string; required for <see cref="StorageProfile.PostgreSql"/>, ignored for SQLite.
    /// Default: none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Directory of the SQLite database (<c>transfer.db</c>), created at start if missing; ignored for PostgreSQL.
    /// Default: the <c>XFER_HOME</c> environment variable if set, else <c>orleans-transfer</c> under the local
    /// application data folder (on Linux <c>~/.local/share/orleans-transfer</c>).
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>How many times to try to reach the database at start before failing. Default: 10.</summary>
    public int StartupConnectAttempts { get; set; } = 10;

    /// <summary>Pause between start-up connection attempts. Default: 3 seconds.</summary>
    public TimeSpan StartupConnectDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Full path of the SQLite database file.</summary>
    public string SqliteDatabasePath => Path.Combine(DataDirectory, SqliteFileName);

    private static string DefaultDataDirectory()
    {
        var home = Environment.GetEnvironmentVariable("XFER_HOME");
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "orleans-transfer")
            : home;
    }
}
