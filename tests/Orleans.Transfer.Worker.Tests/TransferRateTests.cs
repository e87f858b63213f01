namespace Orleans.Transfer.Worker.Tests;

public sealed class TransferRateTests
{
    [Theory]
    [InlineData("off", null)]
    [InlineData("OFF", null)]
    [InlineData("none", null)]
    [InlineData("0", 0L)]
    [InlineData("1024", 1024L)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("512K", 512L * 1024)]
    [InlineData("512KiB", 512L * 1024)]
    [InlineData("10M", 10L * 1024 * 1024)]
    [InlineData("10m", 10L * 1024 * 1024)]
    [InlineData("1.5M", 3L * 512 * 1024)]
    [InlineData("1G", 1L << 30)]
    [InlineData(" 2T ", 2L << 40)]
    public void TryParse_Valid_ReturnsBytesPerSecond(string text, long? expected)
    {
        Assert.True(TransferRate.TryParse(text, out var rate));
        Assert.Equal(expected, rate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("10X")]
    [InlineData("k")]
    [InlineData("ten")]
    [InlineData("1,5M")]
    [InlineData("99999999999T")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(TransferRate.TryParse(text, out _));

    [Theory]
    [InlineData(null, "off")]
    [InlineData(0L, "0")]
    [InlineData(1000L, "1000")]
    [InlineData(512L * 1024, "512k")]
    [InlineData(10L * 1024 * 1024, "10M")]
    [InlineData(1L << 30, "1G")]
    public void Format_RoundTrips(long? rate, string text)
    {
        Assert.Equal(text, TransferRate.Format(rate));
        Assert.Equal(rate, TransferRate.Parse(text));
    }
}
