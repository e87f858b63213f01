using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldStreamPlumbingTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(1);

    private readonly CountingTimeProvider _time = new();
    private readonly RecordingLaw _law = new();
    private readonly YieldLink _link;

    public YieldStreamPlumbingTests()
    {
        _link = new YieldLink("eth0", () => 0, _law.Update, new FakeDelayProbe(), new YieldOptions(), _time, NullLogger.Instance);
    }

    [Fact]
    public async Task ReadAsync_NoRateCap_PassesReadsThroughWithoutWaiting()
    {
        using var stream = Open(out var connection);

        var read = await stream.ReadAsync(new byte[1 << 20]);

        Assert.Equal(1 << 20, read);
        Assert.Equal(1 << 20, connection.TakeBytes());
    }

    [Fact]
    public async Task ReadAsync_TwoConnectionsUnderOneCap_HoldTheAggregateRate()
    {
        using var first = Open(out _);
        using var second = Open(out _);
        SetRate(100_000);
        var start = _time.GetUtcNow();
        long total = 0;
        var buffer = new byte[64 * 1024];

        while (_time.GetUtcNow() - start < TimeSpan.FromSeconds(2))
        {
            total += await ReadAdvancingAsync(first, buffer);
            total += await ReadAdvancingAsync(second, buffer);
        }

        // Two seconds at 100 kB/s; a read is granted a quantum (R/50 = 2,000 B) before it waits.
        Assert.InRange(total, 196_000, 204_000);
    }

    [Fact]
    public async Task ReadAsync_RateCap_GrantsAFiftiethOfASecondPerRead()
    {
        using var stream = Open(out _);
        SetRate(500_000);

        var read = await ReadAdvancingAsync(stream, new byte[1 << 20]);

        Assert.Equal(10_000, read);
    }

    [Fact]
    public void Dispose_LeavesTheLink()
    {
        var stream = Open(out _);

        stream.Dispose();

        Assert.Empty(_link.Connections);
    }

    private YieldStream Open(out YieldConnection connection)
    {
        connection = _link.Register(new FakeYieldSocket(IPAddress.Parse("192.0.2.10"), FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40))));
        return new YieldStream(new EndlessStream(), connection);
    }

    private void SetRate(long rate)
    {
        _law.Next = RecordingLaw.Decide(window: 1 << 20, rate, yielding: true);
        _link.Tick(CancellationToken.None);
        _link.Tick(CancellationToken.None);
        Assert.Equal(rate, _link.Rate);
    }

    private Task<int> ReadAdvancingAsync(YieldStream stream, byte[] buffer) =>
        _time.AdvanceUntilAsync(stream.ReadAsync(buffer).AsTask(), s_step);
}
