namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>Where the local API listens: a Unix domain socket, or on Windows a named pipe.</summary>
public sealed class LocalApiEndpoint
{
    private LocalApiEndpoint(string? socketPath, string? pipeName)
    {
        SocketPath = socketPath;
        PipeName = pipeName;
    }

    /// <summary>The Unix socket's path, or null for a named pipe.</summary>
    public string? SocketPath { get; }

    /// <summary>The named pipe, or null for a Unix socket.</summary>
    public string? PipeName { get; }

    /// <summary>The service's endpoint (<see cref="LocalApiAddress"/>): the pipe on Windows, else the socket for <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">The service's data directory (<c>XFER_HOME</c>).</param>
    /// <exception cref="ArgumentException">The socket path is relative or too long; the message names the variable to set.</exception>
    public static LocalApiEndpoint ForService(string dataDirectory) =>
        OperatingSystem.IsWindows() ? NamedPipe(LocalApiAddress.PipeName) : UnixSocket(LocalApiAddress.ServiceSocketPath(dataDirectory));

    /// <summary>A Unix domain socket at <paramref name="path"/>.</summary>
    /// <param name="path">An absolute path of at most <see cref="LocalApiAddress.MaxSocketPathBytes"/> bytes.</param>
    public static LocalApiEndpoint UnixSocket(string path) => new(LocalApiAddress.Validated(path), null);

    /// <summary>A Windows named pipe.</summary>
    /// <param name="name">The pipe's name, without <c>\\.\pipe\</c>.</param>
    public static LocalApiEndpoint NamedPipe(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new LocalApiEndpoint(null, name);
    }

    /// <summary>The endpoint as Kestrel names its addresses: <c>unix:/path</c> or <c>pipe:/name</c>.</summary>
    public override string ToString() => SocketPath is { } path ? $"unix:{path}" : $"pipe:/{PipeName}";
}
