using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Worker;

/// <summary>A connected <see cref="Socket"/> under yield control.</summary>
internal sealed class YieldSocket(Socket socket, IPAddress remoteAddress) : IYieldSocket
{
    public IPAddress RemoteAddress { get; } = remoteAddress;

    // Windows has no receive-side window knob that is documented to hold after connect; it is paced instead.
    public bool SetsWindow { get; } = OperatingSystem.IsLinux();

    public TcpInfo? ReadTcpInfo() => LinuxTcpInfo.TryRead(socket);

    public bool SetReceiveBufferSize(int bytes)
    {
        try
        {
            // After connect only: set before, it would fix the window scale the connection negotiates.
            socket.ReceiveBufferSize = bytes;
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
