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
    private const int SocketType = 0xC000;

    /// <summary>
    /// Deletes a stale socket at <paramref name="path"/> so the silo can bind it, and returns whether there was one.
    /// The data directory lock already guarantees that no other silo of this data directory is using it.
    /// </summary>
    /// <exception cref="IOException">Something other than a socket is at the path: it is never deleted.</exception>
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
        if ((mode & FileTypeMask) != SocketType)
        {
            throw new IOException(
                $"{path} exists and is not a socket, so the local API cannot listen there and did not delete it; "
                + $"move it away, or set {LocalApiAddress.SocketVariable} to another path.");
        }

        File.Delete(path);
        return true;
    }
}
