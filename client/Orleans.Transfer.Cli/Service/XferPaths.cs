namespace Orleans.Transfer.Cli.Service;

/// <summary>Where the service keeps its files, shared by the CLI and the silo through environment variables.</summary>
internal static class XferPaths
{
    public const string HomeVariable = "XFER_HOME";
    public const string SiloPathVariable = "XFER_SILO_PATH";
    public const string NoAutostartVariable = "XFER_NO_AUTOSTART";

    /// <summary><c>$XFER_HOME</c>, else the per-user data folder (<c>~/.local/share/orleans-transfer</c> on Linux).</summary>
    public static string Home =>
        Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "orleans-transfer");

    public static string PidFile => Path.Combine(Home, "silo.pid");

    public static string LogFile => Path.Combine(Home, "silo.log");

    public static bool AutostartDisabled => Environment.GetEnvironmentVariable(NoAutostartVariable) == "1";

    /// <summary><c>$XFER_SILO_PATH</c>, else the launcher layout <c>&lt;xfer dir&gt;/../silo/Orleans.Transfer.Silo</c>.</summary>
    public static string SiloExecutable =>
        Environment.GetEnvironmentVariable(SiloPathVariable) is { Length: > 0 } path
            ? path
            : Path.GetFullPath(Path.Combine(
                AppContext.BaseDirectory,
                "..",
                "silo",
                OperatingSystem.IsWindows() ? "Orleans.Transfer.Silo.exe" : "Orleans.Transfer.Silo"));
}
