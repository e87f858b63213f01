using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Sizes in binary units labelled as such, rates, ETAs and percentages as the progress line prints them.</summary>
public sealed class FormatsTests
{
    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(512L, "512 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1024L, "1.0 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(300_000_000L, "286.1 MiB")]
    [InlineData(1_048_535L, "1.0 MiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    [InlineData(3L * 1024 * 1024 * 1024 * 1024, "3.0 TiB")]
    public void Bytes_UsesBinaryUnits(long bytes, string expected) => Assert.Equal(expected, Formats.Bytes(bytes));

    [Theory]
    [InlineData(12.3 * 1024 * 1024, "12.3 MiB/s")]
    [InlineData(800.4, "800 B/s")]
    [InlineData(0.0, "0 B/s")]
    [InlineData(-5.0, "0 B/s")]
    public void Speed_IsBytesPerSecondInBinaryUnits(double rate, string expected) => Assert.Equal(expected, Formats.Speed(rate));

    [Fact]
    public void Speed_Unknown_IsDashes() => Assert.Equal("--", Formats.Speed(null));

    [Theory]
    [InlineData(0.0, "0s")]
    [InlineData(4.2, "5s")]
    [InlineData(59.0, "59s")]
    [InlineData(65.0, "1m05s")]
    [InlineData(3599.0, "59m59s")]
    [InlineData(3780.0, "1h03m")]
    [InlineData(86400.0 * 3 + 3600 * 4, "3d04h")]
    public void Eta_IsCompactLikeDownloadTools(double seconds, string expected) =>
        Assert.Equal(expected, Formats.Eta(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Eta_Unknown_IsDashes() => Assert.Equal("--", Formats.Eta(null));

    [Theory]
    [InlineData(996L, 1000L, "99%")]
    [InlineData(1000L, 1000L, "100%")]
    [InlineData(0L, 0L, "?%")]
    public void Percent_RoundsDown_SoHundredMeansDone(long transferred, long total, string expected) =>
        Assert.Equal(expected, Formats.Percent(new JobProgress(total, transferred, 1, 0)));
}
