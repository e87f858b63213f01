using System.Net;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>A socket whose TCP_INFO the test sets and whose SO_RCVBUF writes it records.</summary>
internal sealed class FakeYieldSocket(IPAddress remote, TcpInfo? info, bool setsWindow = true) : IYieldSocket
{
    public IPAddress RemoteAddress { get; } = remote;

    public bool SetsWindow { get; } = setsWindow;

    public TcpInfo? Info { get; set; } = info;

    public List<int> BufferSizes { get; } = [];

    public TcpInfo? ReadTcpInfo() => Info;

    public bool SetReceiveBufferSize(int bytes)
    {
        BufferSizes.Add(bytes);
        return true;
    }

    public static TcpInfo Timestamped(TimeSpan rtt, long outOfOrder = 0, long bytesReceived = 0, long segmentsIn = 0) =>
        new(Timestamps: true, ReceiveMss: 1448, ReceiveRtt: rtt, BytesReceived: bytesReceived, OutOfOrderPackets: outOfOrder, ReceiveWindow: 65535, SegmentsIn: segmentsIn);

    public static TcpInfo WithoutTimestamps() =>
        new(Timestamps: false, ReceiveMss: 1448, ReceiveRtt: null, BytesReceived: 0, OutOfOrderPackets: 0, ReceiveWindow: 65535);
}
