using System.Net.Sockets;
using System.Net;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Tests.Identity;

public sealed class PeerCredentialsTests : IDisposable
{
    private readonly TempSocketDirectory _directory = new();

    [Fact]
    public async Task TryRead_AcceptedUnixSocket_IsThisProcess()
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(_directory.Socket()));
        listener.Listen();
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(_directory.Socket()));
        using var accepted = await listener.AcceptAsync();

        var peer = PeerCredentials.TryRead(accepted);

        Assert.NotNull(peer);
        Assert.Equal(Environment.ProcessId, peer.Value.ProcessId);
        Assert.Equal(UnixAccounts.EffectiveUserId(), peer.Value.UserId);
    }

    [Fact]
    public async Task TryRead_TcpSocket_HasNoCredentials()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var accepted = await listener.AcceptAsync();

        Assert.Null(PeerCredentials.TryRead(accepted));
    }

    public void Dispose() => _directory.Dispose();
}
