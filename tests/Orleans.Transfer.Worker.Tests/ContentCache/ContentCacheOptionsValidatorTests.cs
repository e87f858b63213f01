namespace Orleans.Transfer.Worker.Tests.ContentCache;

public sealed class ContentCacheOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_AndOff()
    {
        var options = new ContentCacheOptions();

        Assert.True(new ContentCacheOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
        Assert.Equal(10L * 1024 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StallTimeout);
    }

    [Theory]
    [InlineData("relative/cache", 1024 * 1024, 30, "Directory")]
    [InlineData("/srv/cache", 1024 * 1024 - 1, 30, "MaxBytes")]
    [InlineData("/srv/cache", 1024 * 1024, 0, "StallTimeout")]
    [InlineData("/srv/cache", 1024 * 1024, 601, "StallTimeout")]
    public void Invalid_FailsNamingTheSetting(string directory, long maxBytes, int stallSeconds, string setting)
    {
        var options = new ContentCacheOptions { Directory = directory, MaxBytes = maxBytes, StallTimeout = TimeSpan.FromSeconds(stallSeconds) };

        var result = new ContentCacheOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Transfer:Cache:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }
}
