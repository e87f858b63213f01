using System.Net.Sockets;
using Orleans.Transfer.LocalApi.Hosting;

namespace Orleans.Transfer.LocalApi.Tests.Hosting;

public sealed class UnixSocketFileTests : IDisposable
{
    private readonly TempSocketDirectory _directory = new();

    [Fact]
    public void RemoveStale_SocketLeftBehind_IsRemoved()
    {
        var path = _directory.Socket();
        StaleSocket.Create(path);
        Assert.True(File.Exists(path));

        Assert.True(UnixSocketFile.RemoveStale(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void RemoveStale_NothingThere_IsFalse() => Assert.False(UnixSocketFile.RemoveStale(_directory.Socket()));

    [Fact]
    public void RemoveStale_RegularFile_IsRefusedAndKept()
    {
        var path = _directory.Socket();
        File.WriteAllText(path, "not a socket");

        var ex = Assert.Throws<IOException>(() => UnixSocketFile.RemoveStale(path));

        Assert.Contains("is not a socket", ex.Message, StringComparison.Ordinal);
        Assert.Equal("not a socket", File.ReadAllText(path));
    }

    [Fact]
    public void RemoveStale_SymbolicLinkToASocket_IsRefusedAndKept()
    {
        var target = _directory.Socket("target.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(target));
        var link = _directory.Socket();
        File.CreateSymbolicLink(link, target);

        Assert.Throws<IOException>(() => UnixSocketFile.RemoveStale(link));
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void RemoveStale_SocketSomeoneListensOn_IsRefusedAndKept()
    {
        var path = _directory.Socket();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();

        var ex = Assert.Throws<IOException>(() => UnixSocketFile.RemoveStale(path));

        Assert.Contains("Another process is listening", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    public void Dispose() => _directory.Dispose();
}
