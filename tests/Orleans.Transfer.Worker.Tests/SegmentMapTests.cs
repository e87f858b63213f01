namespace Orleans.Transfer.Worker.Tests;

public sealed class SegmentMapTests
{
    [Fact]
    public void WholeFile_UnknownSize_LocatesEverythingInOneOpenSegment()
    {
        var map = new SegmentMap([]);

        Assert.True(map.TryLocate(12_345, out var index, out var within));

        Assert.False(map.IsRanged);
        Assert.Equal((0, 12_345L), (index, within));
        Assert.Null(map.SegmentLength(0));
        Assert.Null(map.TotalBytes());
    }

    [Fact]
    public void WholeFile_KnownSize_EndsAtTheSize()
    {
        var map = new SegmentMap([]) { RemoteSize = 100 };

        Assert.True(map.TryLocate(99, out _, out _));
        Assert.False(map.TryLocate(100, out var index, out _));
        Assert.Equal(1, index);
        Assert.Equal(100, map.TotalBytes());
    }

    [Fact]
    public void Ranges_LieBackToBackInTheTempFile()
    {
        var map = new SegmentMap([new ByteRange(100, 10), new ByteRange(0, 5), new ByteRange(50, null)]) { RemoteSize = 60 };

        Assert.True(map.TryLocate(12, out var index, out var within));
        Assert.Equal((1, 2L), (index, within));
        Assert.True(map.TryLocate(15, out index, out within));
        Assert.Equal((2, 0L), (index, within));
        Assert.Equal(10, map.SegmentLength(2));
        Assert.Equal(25, map.TotalBytes());
        Assert.False(map.TryLocate(25, out _, out _));
    }

    [Fact]
    public void OpenSegmentShorterThanItsOffset_HasLengthZero()
    {
        var map = new SegmentMap([new ByteRange(500, null)]) { RemoteSize = 100 };

        Assert.Equal(0, map.SegmentLength(0));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(25L, 60L)]
    public void RemoteSizeFrom_ACheckpointTotal_InvertsTotalBytes(long? total, long? size)
    {
        var map = new SegmentMap([new ByteRange(100, 10), new ByteRange(0, 5), new ByteRange(50, null)]);

        Assert.Equal(size, map.RemoteSizeFrom(total));
    }

    [Fact]
    public void RemoteSizeFrom_OnlyFixedRanges_IsUnknown() =>
        Assert.Null(new SegmentMap([new ByteRange(0, 10)]).RemoteSizeFrom(10));

    [Fact]
    public void RemoteSizeFrom_TwoOpenSegments_SharesTheRest()
    {
        var map = new SegmentMap([new ByteRange(10, null), new ByteRange(30, null)]);

        Assert.Equal(100, map.RemoteSizeFrom(90 + 70));
    }

    [Fact]
    public void ValidateRanges_RangePastTheEnd_FailsWithInvalidRangeNamingIt()
    {
        var map = new SegmentMap([new ByteRange(0, 10), new ByteRange(95, 10)]) { RemoteSize = 100 };

        var error = Assert.Throws<TransferFailedException>(() => map.ValidateRanges("http://host/a"));

        Assert.Equal(TransferErrorCode.InvalidRange, error.Failure.Code);
        Assert.Contains("bytes 95-104 lie outside the remote file of 100 bytes", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRanges_WholeFileOrUnknownSize_AcceptsAnything()
    {
        new SegmentMap([]) { RemoteSize = 0 }.ValidateRanges("x");
        new SegmentMap([new ByteRange(1_000, 10)]).ValidateRanges("x");
    }
}
