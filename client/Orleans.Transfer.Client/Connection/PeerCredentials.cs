using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// The process at the other end of a connected Unix socket, as the kernel recorded it when that process called
/// <c>listen</c> or <c>connect</c> (Linux <c>SO_PEERCRED</c>): it cannot be forged by the peer.
/// </summary>
/// <param name="ProcessId">The peer's pid.</param>
/// <param name="UserId">The peer's effective uid.</param>
/// <param name="GroupId">The peer's effective gid.</param>
internal readonly record struct PeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
    private const int UcredSize = 12;

    /// <summary>Reads the peer of <paramref name="socket"/>.</summary>
    /// <exception cref="SocketException">The kernel did not answer (not a connected Unix socket).</exception>
    [SupportedOSPlatform("linux")]
    public static PeerCredentials Read(Socket socket)
    {
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
}
