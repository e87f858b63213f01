using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldTcpInfoPlumbingTests
{
    [Fact]
    public void Parse_CraftedBuffer_ReadsEachField()
    {
        var buffer = new byte[LinuxTcpInfo.Size];
        buffer[5] = 0b0000_0111;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(20), 1448);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(92), 42_600);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(128), 5_000_000_000);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(140), 3_452_000);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(224), 17);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(232), 11_264);

        var info = LinuxTcpInfo.Parse(buffer, buffer.Length);

        Assert.Equal(new TcpInfo(true, 1448, TimeSpan.FromMicroseconds(42_600), 5_000_000_000, 17, 11_264, 3_452_000), info);
    }

    [Fact]
    public void Parse_NoTimestampsAndNoRttSample_ReportsNeither()
    {
        var buffer = new byte[LinuxTcpInfo.Size];
        buffer[5] = 0b0000_0110;

        var info = LinuxTcpInfo.Parse(buffer, buffer.Length);

        Assert.False(info.Timestamps);
        Assert.Null(info.ReceiveRtt);
    }

    [Fact]
    public void Parse_ShortBufferFromAnOlderKernel_LeavesMissingFieldsZero()
    {
        var buffer = new byte[LinuxTcpInfo.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(20), 1448);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(232), 11_264);

        var info = LinuxTcpInfo.Parse(buffer, length: 104);

        Assert.Equal(1448, info.ReceiveMss);
        Assert.Equal(0, info.ReceiveWindow);
        Assert.Equal(0, info.BytesReceived);
    }

    [Fact]
    public async Task TryRead_LoopbackConnection_ReadsTheKernelsCounters()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync();
        await server.SendAsync(new byte[4096]);
        var received = 0;
        var buffer = new byte[4096];
        while (received < buffer.Length)
        {
            received += await client.ReceiveAsync(buffer.AsMemory(received));
        }

        var info = LinuxTcpInfo.TryRead(client);

        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(info);
            return;
        }

        Assert.NotNull(info);
        Assert.True(info.Value.ReceiveMss > 0);
        Assert.Equal(4096, info.Value.BytesReceived);
        Assert.True(info.Value.ReceiveWindow > 0);
    }
}
