using System.Net.Sockets;
using System.Runtime.InteropServices;
using Orleans.Transfer.LocalApi.Identity;

namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>The socket file a silo leaves behind when it does not stop cleanly.</summary>
internal static unsafe class UnixSocketFile
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxBufferBytes = 256;

    // struct statx: stx_mode (__u16) sits at byte 28 on every architecture.
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int SocketFileType = 0xC000;

    /// <summary>
    /// Deletes a stale socket at <paramref name="path"/> so the silo can bind it, and returns whether there was one.
    /// The data directory lock guarantees that no other silo of this data directory uses it; a socket someone still
    /// listens on (another silo given the same <c>XFER_SOCKET</c>) is left alone all the same.
    /// </summary>
    /// <exception cref="IOException">Something other than a stale socket is at the path: it is never deleted.</exception>
    public static bool RemoveStale(string path)
    {
        var buffer = stackalloc byte[StatxBufferBytes];
        if (LibC.Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == LibC.ENOENT
                ? false
                : throw new IOException($"The local API socket path {path} cannot be examined (errno {errno}); check its directory's permissions.");
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        if ((mode & FileTypeMask) != SocketFileType)
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
