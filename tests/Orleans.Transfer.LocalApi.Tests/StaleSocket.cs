using System.Net.Sockets;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>Leaves a socket file nobody listens on, as a silo killed with SIGKILL does.</summary>
public static class StaleSocket
{
    public static void Create(string path)
    {
        // .NET deletes the file of a socket it bound when that socket is disposed: bind elsewhere and move the file.
        var bound = path + ".bind";
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(bound));
        File.Move(bound, path);
    }
}
