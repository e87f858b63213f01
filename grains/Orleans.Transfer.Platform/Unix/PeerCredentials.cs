using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// The process at the other end of a connected Unix socket, as the kernel recorded it when that process called
/// <c>listen</c> or <c>connect</c> (Linux <c>SO_PEERCRED</c>): it cannot be forged by the peer, and the kernel reports
/// the real ids even when the peer runs in a user namespace.
/// </summary>
/// <param name="ProcessId">The peer's pid.</param>
/// <param name="UserId">The peer's effective uid.</param>
/// <param name="GroupId">The peer's effective gid.</param>
public readonly record struct PeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    // <sys/socket.h> on Linux.
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
    private const int UcredSize = 12;

    // The kernel's overflow id: what SO_PEERCRED reports for a socket that has no peer credentials.
    private const uint NoId = uint.MaxValue;

    /// <summary>Reads the peer of <paramref name="socket"/>.</summary>
    /// <exception cref="SocketException">The kernel did not answer (not a connected Unix socket).</exception>
    [SupportedOSPlatform("linux")]
    public static PeerCredentials Read(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);

        // GetRawSocketOption is getsockopt(2) on the socket's handle, which the Socket keeps alive during the call.
        Span<byte> ucred = stackalloc byte[UcredSize];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length != UcredSize)
        {
            throw new SocketException((int)SocketError.InvalidArgument, $"SO_PEERCRED answered {length} bytes, not {UcredSize}.");
        }

        // Host byte order, as the kernel wrote the struct.
        return new PeerCredentials(
            MemoryMarshal.Read<int>(ucred),
            MemoryMarshal.Read<uint>(ucred[4..]),
            MemoryMarshal.Read<uint>(ucred[8..]));
    }

    /// <summary>The peer of <paramref name="socket"/>, or null when it is not a Unix socket on Linux or carries no credentials.</summary>
    public static PeerCredentials? TryRead(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux() || socket.AddressFamily != AddressFamily.Unix)
        {
            return null;
        }

        try
        {
            var peer = Read(socket);
            return peer.UserId == NoId ? null : peer;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
