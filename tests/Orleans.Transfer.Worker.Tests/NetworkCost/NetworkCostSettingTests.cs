using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker.Tests;

public sealed class NetworkCostSettingTests
{
    [Theory]
    [InlineData("Unrestricted", NetworkCostStates.Unrestricted)]
    [InlineData("Metered", NetworkCostStates.CappedUsageUnknown)]
    [InlineData("metered", NetworkCostStates.CappedUsageUnknown)]
    [InlineData("CappedUsageUnknown", NetworkCostStates.CappedUsageUnknown)]
    [InlineData("CAPPED_USAGE_UNKNOWN", NetworkCostStates.CappedUsageUnknown)]
    [InlineData("BelowCap", NetworkCostStates.BelowCap)]
    [InlineData("NearCap", NetworkCostStates.NearCap)]
    [InlineData("OvercapCharged", NetworkCostStates.OvercapCharged)]
    [InlineData("overcap-throttled", NetworkCostStates.OvercapThrottled)]
    [InlineData("UsageBased", NetworkCostStates.UsageBased)]
    [InlineData(" Roaming ", NetworkCostStates.Roaming)]
    public void StateName_ParsesToItsState(string value, NetworkCostStates state)
    {
        Assert.True(NetworkCostSetting.TryParse(value, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Theory]
    [InlineData("Auto")]
    [InlineData("auto")]
    public void Auto_ParsesToNoState(string value)
    {
        Assert.True(NetworkCostSetting.TryParse(value, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2")]
    [InlineData("0x2")]
    [InlineData("None")]
    [InlineData("IgnoreCongestion")]
    [InlineData("Unrestricted,Roaming")]
    [InlineData("Cheap")]
    public void Other_IsRefusedAtStartWithWhatToDo(string? value)
    {
        var services = new ServiceCollection().AddLogging().AddNetworkCost();
        services.Configure<NetworkCostOptions>(o => o.Cost = value!);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<INetworkCostMonitor>());

        Assert.Contains($"Transfer:Network:Cost must be Auto, Unrestricted, Metered, CappedUsageUnknown, BelowCap, NearCap, OvercapCharged, OvercapThrottled, UsageBased, Roaming, not '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("use Auto to ask the operating system", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredState_IsTheCostWhateverThePlatformSays()
    {
        var services = new ServiceCollection().AddLogging().AddNetworkCost();
        services.Configure<NetworkCostOptions>(o => o.Cost = "Metered");
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<NetworkCostMonitor>();

        await monitor.FirstReading;

        Assert.Equal(new NetworkCost(NetworkCostStates.CappedUsageUnknown, "configuration", "Transfer:Network:Cost=Metered"), monitor.Current);
        Assert.Same(monitor, provider.GetRequiredService<INetworkCostMonitor>());
    }

    [Fact]
    public void Default_IsAuto()
    {
        Assert.Equal("Auto", new NetworkCostOptions().Cost);
        Assert.Equal("Transfer:Network", NetworkCostOptions.SectionName);
    }
}
