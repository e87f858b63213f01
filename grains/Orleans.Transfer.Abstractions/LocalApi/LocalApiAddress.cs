using System.Text;

namespace Orleans.Transfer.LocalApi;

/// <summary>
/// Where the local API listens (docs/contracts.md, "Local API"): a Unix domain socket on Linux, a named pipe on Windows.
/// The service and its clients resolve the same rules, so a client finds the service it would have started.
/// </summary>
public static class LocalApiAddress
{
    /// <summary>Overrides the socket path on both ends.</summary>
    public const string SocketVariable = "XFER_SOCKET";

    /// <summary>The data directory variable; when a client sets it, it means "my own service", whose socket is inside.</summary>
    public const string HomeVariable = "XFER_HOME";

    /// <summary>Set by systemd for <c>RuntimeDirectory=</c>; the system service's socket goes there.</summary>
    public const string RuntimeDirectoryVariable = "RUNTIME_DIRECTORY";

    /// <summary>The system service's socket, under the unit's <c>RuntimeDirectory=orleans-transfer</c>.</summary>
    public const string SystemSocketPath = "/run/orleans-transfer/xfer.sock";

    /// <summary>The socket's file name inside a data or runtime directory.</summary>
    public const string SocketFileName = "xfer.sock";

    /// <summary>The Windows service's pipe.</summary>
    public const string PipeName = "orleans-transfer";

    /// <summary>sockaddr_un holds 108 bytes with the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>The socket the service binds: <c>XFER_SOCKET</c>, else systemd's runtime directory, else the data directory.</summary>
    /// <param name="dataDirectory">The service's <c>XFER_HOME</c>.</param>
    public static string ServiceSocketPath(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } explicitPath)
        {
            return Validated(explicitPath);
        }

        // systemd may list several runtime directories separated by ':'; ours is the first.
        if (Environment.GetEnvironmentVariable(RuntimeDirectoryVariable) is { Length: > 0 } runtime)
        {
            return Validated(Path.Combine(runtime.Split(':')[0], SocketFileName));
        }

        return Validated(Path.Combine(dataDirectory, SocketFileName));
    }

    /// <summary>
    /// The socket a client connects to: <c>XFER_SOCKET</c>, else the socket in an explicitly set <c>XFER_HOME</c>, else the
    /// system service's socket when it exists, else the socket in the caller's default data directory.
    /// </summary>
    /// <param name="defaultDataDirectory">The caller's data directory when <c>XFER_HOME</c> is not set.</param>
    public static string ClientSocketPath(string defaultDataDirectory)
    {
        if (Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } explicitPath)
        {
            return Validated(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home)
        {
            return Validated(Path.Combine(home, SocketFileName));
        }

        return Validated(File.Exists(SystemSocketPath) ? SystemSocketPath : Path.Combine(defaultDataDirectory, SocketFileName));
    }

    /// <summary>Refuses a path the kernel cannot bind, naming the variable that fixes it.</summary>
    /// <param name="path">The socket path.</param>
    /// <exception cref="ArgumentException">The path is relative or longer than <see cref="MaxSocketPathBytes"/> bytes.</exception>
    public static string Validated(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"The local API socket path '{path}' is relative; set {SocketVariable} to an absolute path.", nameof(path));
        }

        var length = Encoding.UTF8.GetByteCount(path);
        if (length > MaxSocketPathBytes)
        {
            throw new ArgumentException(
                $"The local API socket path '{path}' is {length} bytes; Unix sockets allow {MaxSocketPathBytes}. "
                + $"Set {SocketVariable} to a shorter path, or use a shorter {HomeVariable}.",
                nameof(path));
        }

        return path;
    }
}
