using System.Net.Sockets;
using System.Runtime.Versioning;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// Connects to the local API's Unix domain socket and, before handing the connection to HTTP, checks with
/// <c>SO_PEERCRED</c> that root or <paramref name="ownUid"/> serves it.
/// </summary>
/// <param name="path">The socket path.</param>
/// <param name="ownUid">The effective uid of this process (tests pass another to see the refusal).</param>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSocketConnector(string path, uint ownUid) : ILocalApiConnector
{
    public string Address => path;

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            Verify(socket);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            socket.Dispose();

            // .NET reports a missing socket file as AddressNotAvailable, whose own text ("Cannot assign requested
            // address") misleads.
            var what = File.Exists(path) ? "refuses connections" : "does not exist";
            throw new TransferServiceUnavailableException(path, $"The transfer service is not running: its socket {path} {what}.", ex);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new TransferJobException(
                TransferErrorCode.AccessDenied,
                $"You may not connect to {path} (its file mode or directory refuses you): ask the service's administrator.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Verify(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw UnixServerTrust.Unverified(path, "reading a Unix socket's peer is implemented on Linux only");
        }

        PeerCredentials peer;
        try
        {
            peer = PeerCredentials.Read(socket);
        }
        catch (SocketException ex)
        {
            throw UnixServerTrust.Unverified(path, $"SO_PEERCRED failed: {ex.Message}");
        }

        if (!UnixServerTrust.IsTrusted(peer.UserId, ownUid))
        {
            throw UnixServerTrust.Refusal(path, peer.UserId);
        }
    }
}
