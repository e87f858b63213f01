using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of background runs: connects, and puts the connection under
/// its interface's <see cref="YieldLink"/> unless it stays on this machine (loopback) or leaves by an interface
/// <see cref="YieldOptions.Interfaces"/> does not select; those get a plain stream, its receive buffer bounded by
/// <paramref name="receiveBuffer"/> as other runs' are (a controlled connection's buffer is the controller's).
/// </summary>
internal sealed partial class YieldConnector(
    YieldRegistry registry, InterfaceDirectory interfaces, ILogger<YieldConnector> logger, ReceiveBufferBound? receiveBuffer = null)
{
    // SIO_PRIORITY_HINT with IoPriorityHintVeryLow (0): the Windows network stack's own background class.
    private const int SioPriorityHint = unchecked((int)0x98000018);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await ReceiveBufferBound.ConnectSocketAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: true);
        if (Unmapped(socket.RemoteEndPoint) is not { } remote
            || IPAddress.IsLoopback(remote)
            || Unmapped(socket.LocalEndPoint) is not { } local
            || interfaces.Find(local) is not { } networkInterface
            || !Selected(networkInterface))
        {
            receiveBuffer?.Apply(socket);
            return stream;
        }

        if (OperatingSystem.IsWindows())
        {
            SetPriorityHint(socket);
        }

        var connection = registry.Register(
            networkInterface.Name, () => InterfaceDirectory.ReceivedBytes(networkInterface), new YieldSocket(socket, remote));
        LogControlled(logger, remote, networkInterface.Name);
        return new YieldStream(stream, connection);
    }

    private bool Selected(NetworkInterface networkInterface)
    {
        var names = registry.Options.Interfaces;
        return names.Count == 0
            ? networkInterface.NetworkInterfaceType != NetworkInterfaceType.Loopback
            : names.Contains(networkInterface.Name, StringComparer.Ordinal);
    }

    // Unverified on Windows (the project's builds and benches run on Linux): the hint is documented for
    // SIO_PRIORITY_HINT, its receive-side effect is not; the paced reads do not depend on it.
    private void SetPriorityHint(Socket socket)
    {
        try
        {
            socket.IOControl(SioPriorityHint, BitConverter.GetBytes(0), null);
        }
        catch (Exception ex) when (ex is SocketException or PlatformNotSupportedException)
        {
            LogPriorityHintFailed(logger, ex);
        }
    }

    private static IPAddress? Unmapped(EndPoint? endPoint) =>
        endPoint is IPEndPoint { Address: var address } ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) : null;
}
