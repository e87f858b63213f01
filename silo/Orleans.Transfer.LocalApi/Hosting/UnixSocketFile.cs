using System.Net.Sockets;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>The socket file a silo leaves behind when it does not stop cleanly.</summary>
internal static class UnixSocketFile
{
    /// <summary>
    /// Deletes a stale socket at <paramref name="path"/> so the silo can bind it, and returns whether there was one.
    /// The data directory lock guarantees that no other silo of this data directory uses it; a socket someone still
    /// listens on (another silo given the same <c>XFER_SOCKET</c>) is left alone all the same.
    /// </summary>
    /// <exception cref="IOException">Something other than a stale socket is at the path: it is never deleted.</exception>
    public static bool RemoveStale(string path)
    {
        var type = UnixFiles.TypeOf(path);
        if (type is null)
        {
            return false;
        }

        if (type != UnixFileType.Socket)
        {
            throw new IOException(
                $"{path} exists and is not a socket, so the local API cannot listen there and did not delete it; "
                + $"move it away, or set {LocalApiAddress.SocketVariable} to another path.");
        }

        if (IsListenedOn(path))
        {
            throw new IOException(
                $"Another process is listening on the local API socket {path}; stop it, or set {LocalApiAddress.SocketVariable} to another path.");
        }

        File.Delete(path);
        return true;
    }

    private static bool IsListenedOn(string path)
    {
        // Non-blocking, so a listener with a full backlog answers "busy" at once instead of holding up the start.
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
        {
            return true;
        }
        catch (SocketException ex)
        {
            throw new IOException($"The local API socket {path} cannot be probed ({ex.SocketErrorCode}); check its permissions.", ex);
        }
    }
}
