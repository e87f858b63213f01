namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldOptionsValidatorPlumbingTests
{
    private readonly YieldOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new YieldOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ForegroundPriority_IsRefusedWithTheReason()
    {
        var result = _validator.Validate(null, new YieldOptions { Priorities = [JobPriority.Foreground, JobPriority.Low] });

        Assert.Contains("Transfer:Network:Yield:Priorities must not contain Foreground: foreground jobs are never slowed", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedPriority_IsRefused()
    {
        var result = _validator.Validate(null, new YieldOptions { Priorities = [(JobPriority)9] });

        Assert.Contains("Transfer:Network:Yield:Priorities contains 9, which is no job priority", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TargetDelay", 0.5)]
    [InlineData("TargetDelay", 101)]
    [InlineData("Tick", 4)]
    [InlineData("Tick", 201)]
    [InlineData("ProbeInterval", 19)]
    [InlineData("ProbeInterval", 1001)]
    [InlineData("ForegroundHold", 30_001)]
    public void Validate_DurationOutOfRange_NamesTheSettingAndItsRange(string setting, double milliseconds)
    {
        var options = new YieldOptions();
        typeof(YieldOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromMilliseconds(milliseconds));

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains($"Transfer:Network:Yield:{setting} must be between", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Set it within that range.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SmallMaxWindow_SaysWhyAndTheDefault()
    {
        var result = _validator.Validate(null, new YieldOptions { MaxWindowBytes = 32 * 1024 });

        Assert.Contains("Transfer:Network:Yield:MaxWindowBytes must be at least 65536 (64 KiB), not 32768", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("default 8388608", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyInterfaceName_IsRefused()
    {
        var result = _validator.Validate(null, new YieldOptions { Interfaces = ["eth0", " "] });

        Assert.Contains("Transfer:Network:Yield:Interfaces must not contain empty names", result.FailureMessage, StringComparison.Ordinal);
    }
}
