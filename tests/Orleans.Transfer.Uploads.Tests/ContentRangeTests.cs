using Orleans.Transfer.Uploads.Protocol;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("bytes 0-4891/4892", 0, 4891, 4892)]
    [InlineData("BYTES 10-19/100", 10, 19, 100)]
    [InlineData("bytes */0", 0, -1, 0)]
    [InlineData("bytes 0--1/0", 0, -1, 0)]
    public void TryParse_Valid(string text, long first, long last, long total)
    {
        Assert.True(ContentRange.TryParse(text, out var range));
        Assert.Equal(new ContentRange(first, last, total), range);
    }

    [Theory]
    [InlineData("bytes 5-4/10")]
    [InlineData("bytes 0-10/10")]
    [InlineData("bytes +1-4/10")]
    [InlineData("bytes 0-4/")]
    [InlineData("bytes 0-99999999999999999999/1")]
    [InlineData("bytes 0--1/5")]
    public void TryParse_Invalid(string text) => Assert.False(ContentRange.TryParse(text, out _));
}
