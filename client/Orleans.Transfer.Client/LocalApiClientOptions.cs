using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Client;

/// <summary>How a <see cref="LocalApiTransferClient"/> reaches the transfer service on this machine.</summary>
public sealed class LocalApiClientOptions
{
    /// <summary>
    /// The local API's Unix domain socket (Linux); Windows uses the pipe <see cref="LocalApiAddress.PipeName"/> and
    /// ignores it.
    /// <value>
    /// The default value is null, which means <see cref="LocalApiAddress.ClientSocketPath"/>: <c>XFER_SOCKET</c>, else
    /// the socket in <c>XFER_HOME</c>, else the system service's socket when it exists, else the socket in
    /// <see cref="DefaultDataDirectory"/>.
    /// </value>
    /// </summary>
    public string? SocketPath { get; set; }

    /// <summary>
    /// The shortest interval between two progress updates from <see cref="ITransferClient.WatchAsync"/>; state
    /// changes arrive at once.
    /// <value>The default value is 500 milliseconds.</value>
    /// </summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The caller's own data directory, where a service it starts itself keeps its socket:
    /// <c>~/.local/share/orleans-transfer</c> on Linux, <c>%LOCALAPPDATA%\orleans-transfer</c> on Windows.
    /// </summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "orleans-transfer");

    /// <summary>The socket this client connects to: <see cref="SocketPath"/> when set, else the default rules.</summary>
    /// <exception cref="ArgumentException">The path is relative or too long for a Unix socket.</exception>
    public string ResolveSocketPath() =>
        SocketPath is { Length: > 0 } path ? LocalApiAddress.Validated(path) : LocalApiAddress.ClientSocketPath(DefaultDataDirectory);
}
