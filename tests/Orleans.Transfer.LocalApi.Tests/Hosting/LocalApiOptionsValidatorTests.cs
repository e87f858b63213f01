using Orleans.Transfer.LocalApi.Hosting;

namespace Orleans.Transfer.LocalApi.Tests.Hosting;

public sealed class LocalApiOptionsValidatorTests
{
    private readonly LocalApiOptionsValidator _validator = new();

    [Fact]
    public void Default_OnlyRoot_IsValid() => Assert.True(_validator.Validate(null, new LocalApiOptions()).Succeeded);

    [Fact]
    public void ExistingGroup_IsValid() => Assert.True(_validator.Validate(null, new LocalApiOptions { AdminGroup = "root" }).Succeeded);

    [Theory]
    [InlineData(" ", "is empty")]
    [InlineData("xfer-no-such-group", "does not exist")]
    public void EmptyOrUnknownGroup_FailsNamingTheSetting(string group, string why)
    {
        var result = _validator.Validate(null, new LocalApiOptions { AdminGroup = group });

        Assert.True(result.Failed);
        Assert.Contains("Transfer:Security:AdminGroup", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(why, result.FailureMessage, StringComparison.Ordinal);
    }
}
