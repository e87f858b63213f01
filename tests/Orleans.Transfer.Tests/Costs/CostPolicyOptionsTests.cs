using Orleans.Transfer.Grains.Costs;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>B85: the administrator's default per priority, checked at start.</summary>
public sealed class CostPolicyOptionsTests
{
    [Fact]
    public void Defaults_AreAlways_ForEveryPriority()
    {
        var options = new CostPolicyOptions();
        Assert.True(new CostPolicyOptionsValidator().Validate(null, options).Succeeded);
        foreach (var priority in Enum.GetValues<JobPriority>())
        {
            Assert.Equal(TransferPolicy.Always, options.DefaultFor(priority));
        }
    }

    [Fact]
    public void Foreground_AndTheOtherPriorities_HaveTheirOwnDefault()
    {
        var options = new CostPolicyOptions { Foreground = "not-roaming", Background = "0x21" };
        Assert.True(new CostPolicyOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TransferPolicy.NotRoaming, options.DefaultFor(JobPriority.Foreground));
        Assert.Equal((NetworkCostStates)0x21, options.DefaultFor(JobPriority.High));
        Assert.Equal((NetworkCostStates)0x21, options.DefaultFor(JobPriority.Normal));
        Assert.Equal((NetworkCostStates)0x21, options.DefaultFor(JobPriority.Low));
    }

    [Fact]
    public void BadValue_FailsTheStart_NamingTheKeyAndTheChoices()
    {
        var result = new CostPolicyOptionsValidator().Validate(null, new CostPolicyOptions { Background = "cheap" });
        Assert.True(result.Failed);
        Assert.Contains("Transfer:Network:CostPolicy:Background", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("not-roaming", result.FailureMessage, StringComparison.Ordinal);
    }
}
