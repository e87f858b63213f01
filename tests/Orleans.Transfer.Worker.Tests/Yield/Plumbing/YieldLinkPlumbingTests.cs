using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldLinkPlumbingTests
{
    private static readonly IPAddress s_server = IPAddress.Parse("192.0.2.10");

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLaw _law = new();
    private readonly YieldLink _link;
    private long _interfaceBytes = 1_000_000;

    public YieldLinkPlumbingTests()
    {
        _link = new YieldLink("eth0", () => _interfaceBytes, _law.Update, new FakeDelayProbe(), new YieldOptions(), _time, NullLogger.Instance);
    }

    [Fact]
    public void Tick_FirstTick_OnlySetsBaselines()
    {
        _link.Register(Timestamped(40));

        _link.Tick(CancellationToken.None);

        Assert.Empty(_law.Samples);
        Assert.Null(_link.Decision);
    }

    [Fact]
    public void Tick_AfterBaseline_GivesTheLawDeltasAndTheSmallestReceiveRtt()
    {
        var first = _link.Register(Timestamped(40, outOfOrder: 5));
        var second = _link.Register(Timestamped(25, outOfOrder: 1));
        _link.Tick(CancellationToken.None);
        ((FakeYieldSocket)first.Socket).Info = FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40), outOfOrder: 8, bytesReceived: 3_000);
        ((FakeYieldSocket)second.Socket).Info = FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(25), outOfOrder: 1, bytesReceived: 1_000);
        first.CountRead(3_000, jobId: null);
        second.CountRead(1_000, jobId: null);
        _interfaceBytes += 9_000;
        _time.Advance(TimeSpan.FromMilliseconds(20));

        _link.Tick(CancellationToken.None);

        var sample = Assert.Single(_law.Samples);
        Assert.Equal(_time.GetUtcNow(), sample.Now);
        Assert.Equal(TimeSpan.FromMilliseconds(25), sample.Delay);
        Assert.Equal(DelaySignal.TcpTimestamps, sample.Signal);
        Assert.Equal(9_000, sample.InterfaceBytes);
        Assert.Equal(4_000, sample.ControlledBytes);
        Assert.Equal(2, sample.Connections);
        Assert.Equal(1448, sample.Mss);
        Assert.Equal(3, sample.OutOfOrderPackets);
    }

    [Fact]
    public void Tick_Decision_SplitsTheWindowAndSetsEachBufferOnlyOnLargeChanges()
    {
        var first = _link.Register(Timestamped(40));
        var second = _link.Register(Timestamped(40));
        first.CountRead(1, jobId: null);
        second.CountRead(1, jobId: null);
        _link.Tick(CancellationToken.None);
        _law.Next = RecordingLaw.Decide(window: 140_000, rate: null, yielding: false);

        _link.Tick(CancellationToken.None);
        _law.Next = RecordingLaw.Decide(window: 150_000, rate: null, yielding: false);
        _link.Tick(CancellationToken.None);
        _law.Next = RecordingLaw.Decide(window: 1_000, rate: null, yielding: true);
        _link.Tick(CancellationToken.None);

        // 70,000 B each → SO_RCVBUF 50,000; +7 % is left alone; the floor is 2 MSS = 2,896 B → 2,068.
        Assert.Equal([50_000, 2_068], ((FakeYieldSocket)first.Socket).BufferSizes);
        Assert.Equal([50_000, 2_068], ((FakeYieldSocket)second.Socket).BufferSizes);
        Assert.Equal(2_896, first.WindowBytes);
    }

    [Fact]
    public void Tick_InterfaceCounterUnreadable_CountsOnlyTheControlledBytes_AsTheKernelReceivedThem()
    {
        var link = new YieldLink("eth0", () => null, _law.Update, new FakeDelayProbe(), new YieldOptions(), _time, NullLogger.Instance);
        var connection = link.Register(Timestamped(40));
        link.Tick(CancellationToken.None);

        // A paced read lags the kernel: the bytes still in the socket's buffer count as ours, not as a foreground's.
        ((FakeYieldSocket)connection.Socket).Info = FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40), bytesReceived: 7_000, segmentsIn: 10);
        connection.CountRead(5_000, jobId: null);

        link.Tick(CancellationToken.None);

        var sample = Assert.Single(_law.Samples);
        Assert.Equal(7_660, sample.InterfaceBytes);
        Assert.Equal(7_000, sample.ControlledBytes);

        // Ten small segments: 66 bytes of headers each (Ethernet, IPv4, TCP with timestamps) on top of the payload.
        Assert.Equal(7_660, sample.ControlledFrameBytes);
    }

    [Fact]
    public void Tick_RateCap_SetsTheLinksSharedRate()
    {
        _link.Register(Timestamped(40));
        _law.Next = RecordingLaw.Decide(window: 64 * 1024, rate: 1_250_000, yielding: true);

        _link.Tick(CancellationToken.None);
        _link.Tick(CancellationToken.None);

        Assert.Equal(1_250_000, _link.Rate);
        Assert.True(_link.Decision!.Yielding);
    }

    [Fact]
    public void Tick_SocketWithoutWindowControl_PacesToTheWindowOverTheDelay()
    {
        _link.Register(new FakeYieldSocket(s_server, FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(50)), setsWindow: false));
        _law.Next = RecordingLaw.Decide(window: 100_000, rate: null, yielding: true);

        _link.Tick(CancellationToken.None);
        _link.Tick(CancellationToken.None);

        Assert.Equal(2_000_000, _link.Rate);
    }

    [Fact]
    public void Tick_LastConnectionLeft_DropsTheCapAndTheDecision()
    {
        var connection = _link.Register(Timestamped(40));
        _law.Next = RecordingLaw.Decide(window: 64 * 1024, rate: 100_000, yielding: true);
        _link.Tick(CancellationToken.None);
        _link.Tick(CancellationToken.None);

        connection.Dispose();
        _link.Tick(CancellationToken.None);

        Assert.Null(_link.Rate);
        Assert.Null(_link.Decision);
    }

    private static FakeYieldSocket Timestamped(int rttMilliseconds, long outOfOrder = 0) =>
        new(s_server, FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(rttMilliseconds), outOfOrder));
}
