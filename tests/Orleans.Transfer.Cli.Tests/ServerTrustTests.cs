using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Orleans.Transfer.Client.Connection;
using Orleans.Transfer.Client;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The client checks who serves the local API before sending it anything: root or the caller on Linux, a service
/// account on Windows. Real sockets and, where the tests run as root, a real server process run as another user.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ServerTrustTests : IDisposable
{
    private const uint Nobody = 65534;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-trust-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData(0u, 1000u, true)]
    [InlineData(1000u, 1000u, true)]
    [InlineData(1001u, 1000u, false)]
    [InlineData(Nobody, 0u, false)]
    public void UnixServer_IsTrusted_WhenRootOrTheCaller(uint serverUid, uint ownUid, bool trusted) =>
        Assert.Equal(trusted, UnixServerTrust.IsTrusted(serverUid, ownUid));

    [Fact]
    public void UnixRefusal_NamesThePathTheUidAndTheAccount()
    {
        var refusal = UnixServerTrust.Refusal("/tmp/x/xfer.sock", 0);

        Assert.Equal(TransferErrorCode.ServiceNotTrusted, refusal.Code);
        Assert.StartsWith("/tmp/x/xfer.sock is served by uid 0 (root), not by root or you: refusing to send it anything", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerCredentials_OfARealConnection_AreThisProcess()
    {
        var path = Path.Combine(_directory.FullName, "pair.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        using var accepted = await listener.AcceptAsync();

        var server = PeerCredentials.Read(client);
        var peer = PeerCredentials.Read(accepted);

        Assert.Equal((Environment.ProcessId, UnixAccounts.EffectiveUserId()), (server.ProcessId, server.UserId));
        Assert.Equal(server, peer);
    }

    [Fact]
    public async Task ServerRunByAnotherUser_IsRefused_BeforeAnyByteIsSent()
    {
        // As root, the server is a real process run as nobody; otherwise an in-process server and a client that takes
        // itself for another uid. Either way the server's uid is neither root nor the client's.
        await using var server = UnixAccounts.EffectiveUserId() == 0
            ? await ForeignUnixServer.StartAsPerlAsync(_directory, Nobody)
            : await ForeignUnixServer.StartInProcessAsync(_directory);
        using var client = new LocalApiTransferClient(new UnixSocketConnector(server.SocketPath, server.ClientUid), TimeSpan.FromSeconds(1), TimeProvider.System);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.GetCallerAsync());

        Assert.Equal(TransferErrorCode.ServiceNotTrusted, error.Code);
        Assert.StartsWith($"{server.SocketPath} is served by uid {server.ServerUid} (", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await server.BytesReceivedAsync());
    }

    [Theory]
    [InlineData("S-1-5-18", true)]
    [InlineData("S-1-5-19", true)]
    [InlineData("S-1-5-32-544", true)]
    [InlineData("S-1-5-20", false)]
    [InlineData("S-1-5-21-1004336348-1177238915-682003330-1001", false)]
    public void WindowsServer_IsTrusted_WhenAServiceAccountOwnsThePipe(string ownerSid, bool trusted) =>
        Assert.Equal(trusted, WindowsServerTrust.IsTrusted(new PipeServerIdentity(4242, ownerSid)));

    [Fact]
    public async Task Pipe_OwnedByAUser_IsRefused_BeforeAnyByteIsSent()
    {
        var inspector = new ScriptedPipeInspector(() => new PipeServerIdentity(4242, "S-1-5-21-1-2-3-1001"));

        var (error, received) = await ConnectToPipeAsync(inspector);

        Assert.Equal(TransferErrorCode.ServiceNotTrusted, error.Code);
        Assert.Contains("process 4242", error.Message, StringComparison.Ordinal);
        Assert.Contains("S-1-5-21-1-2-3-1001", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Pipe_WhoseServerCannotBeRead_IsRefused_FailingClosed()
    {
        var inspector = new ScriptedPipeInspector(() => throw new UnauthorizedAccessException("access is denied"));

        var (error, received) = await ConnectToPipeAsync(inspector);

        Assert.Equal(TransferErrorCode.ServiceNotTrusted, error.Code);
        Assert.Contains("access is denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("unverified on Windows", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, received);
    }

    /// <summary>A real pipe (a Unix socket under .NET on Linux) served here, and a client whose inspector says who serves it.</summary>
    private static async Task<(TransferJobException Error, int Received)> ConnectToPipeAsync(IPipeServerInspector inspector)
    {
        var name = $"xfer-test-{Guid.NewGuid():N}";
        await using var server = new NamedPipeServerStream(name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        var accepted = server.WaitForConnectionAsync();
        using var client = new LocalApiTransferClient(new NamedPipeConnector(name, inspector), TimeSpan.FromSeconds(1), TimeProvider.System);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.GetCallerAsync());

        await accepted;
        return (error, await ReceivedBytes.CountUntilEndAsync(server));
    }
}
