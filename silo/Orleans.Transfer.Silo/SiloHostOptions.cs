using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Silo;

/// <summary>Where the silo listens and keeps its files (configuration section <c>Transfer:Host</c>).</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Transfer:Host";

    /// <summary>
    /// Address the silo and gateway listen on. Default: 127.0.0.1, because anyone who can reach the gateway can make the
    /// service write files. Environment: <c>XFER_LISTEN_ADDRESS</c>.
    /// </summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port. Default: 11111. Environment: <c>XFER_SILO_PORT</c>.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default: 30000. Environment: <c>XFER_GATEWAY_PORT</c>.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Directory for the embedded database, the pid file and logs. Default: <c>$XFER_HOME</c>, else
    /// <c>~/.local/share/orleans-transfer</c> on Linux and <c>%LOCALAPPDATA%\orleans-transfer</c> on Windows.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    public static string DefaultDataDirectory() =>
        Environment.GetEnvironmentVariable("XFER_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "orleans-transfer");
}
