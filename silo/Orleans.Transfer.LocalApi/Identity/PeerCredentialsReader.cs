using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>Reads SO_PEERCRED from an accepted Unix domain socket (Linux).</summary>
internal static class PeerCredentialsReader
{
    // <sys/socket.h> on Linux: SOL_SOCKET and SO_PEERCRED; the value is struct ucred { pid_t pid; uid_t uid; gid_t gid; }.
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int UcredSize = 12;

    // The kernel's overflow id: what SO_PEERCRED reports for a socket that has no peer credentials.
    private const uint NoId = uint.MaxValue;

    /// <summary>The peer of <paramref name="socket"/>, or null when the socket carries no credentials.</summary>
    public static PeerCredentials? TryRead(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || socket.AddressFamily != AddressFamily.Unix)
        {
            return null;
        }

        // GetRawSocketOption is getsockopt(2) on the socket's handle, which the Socket keeps alive during the call.
        Span<byte> ucred = stackalloc byte[UcredSize];
        int length;
        try
        {
            length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        }
        catch (SocketException)
        {
            return null;
        }

        if (length < UcredSize)
        {
            return null;
        }

        var pid = MemoryMarshal.Read<int>(ucred);
        var uid = MemoryMarshal.Read<uint>(ucred[4..]);
        var gid = MemoryMarshal.Read<uint>(ucred[8..]);
        return uid == NoId ? null : new PeerCredentials(pid, uid, gid);
    }
}
