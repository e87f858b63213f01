using System.Runtime.CompilerServices;

namespace Orleans.Transfer.Worker.Tests;

public sealed class NetworkCostMappingTests
{
    [Theory]
    [InlineData(0u, NetworkCostStates.Unrestricted, "Metered=unknown")]
    [InlineData(1u, NetworkCostStates.CappedUsageUnknown, "Metered=yes")]
    [InlineData(2u, NetworkCostStates.Unrestricted, "Metered=no")]
    [InlineData(3u, NetworkCostStates.CappedUsageUnknown, "Metered=guess-yes")]
    [InlineData(4u, NetworkCostStates.Unrestricted, "Metered=guess-no")]
    [InlineData(9u, NetworkCostStates.Unrestricted, "Metered=9 (a value NetworkManager does not document)")]
    public void NetworkManagerMetered_MapsToTheBitsState(uint metered, NetworkCostStates state, string detail)
    {
        var cost = NetworkManagerMetered.ToCost(metered);

        Assert.Equal(new NetworkCost(state, "NetworkManager", detail), cost);
    }

    [Theory]
    [InlineData(WindowsConnectivityCost.Unknown, false, false, false, NetworkCostStates.Unrestricted)]
    [InlineData(WindowsConnectivityCost.Unrestricted, false, false, false, NetworkCostStates.Unrestricted)]
    [InlineData(WindowsConnectivityCost.Fixed, false, false, false, NetworkCostStates.CappedUsageUnknown)]
    [InlineData(WindowsConnectivityCost.Variable, false, false, false, NetworkCostStates.UsageBased)]
    [InlineData(WindowsConnectivityCost.Fixed, true, false, false, NetworkCostStates.NearCap)]
    [InlineData(WindowsConnectivityCost.Fixed, true, true, false, NetworkCostStates.OvercapCharged)]
    [InlineData(WindowsConnectivityCost.Variable, false, true, false, NetworkCostStates.OvercapCharged)]
    [InlineData(WindowsConnectivityCost.Unrestricted, false, false, true, NetworkCostStates.Roaming)]
    [InlineData(WindowsConnectivityCost.Fixed, true, true, true, NetworkCostStates.Roaming)]
    [InlineData(WindowsConnectivityCost.Unknown, true, false, false, NetworkCostStates.NearCap)]
    public void WindowsHint_FirstMatchWins(WindowsConnectivityCost cost, bool approaching, bool over, bool roaming, NetworkCostStates state)
    {
        var hint = new WindowsConnectivityHint(level: 3, cost, approaching, over, roaming);

        var mapped = hint.ToCost();

        Assert.Equal(state, mapped.State);
        Assert.Equal("Windows", mapped.Source);
        Assert.Equal($"cost={cost}, approachingDataLimit={approaching}, overDataLimit={over}, roaming={roaming}", mapped.Detail);
    }

    [Fact]
    public void WindowsHint_HasTheNativeLayout()
    {
        // Two 32-bit enums and three BOOLEAN bytes, padded to 4: what iphlpapi passes by value to the callback.
        Assert.Equal(12, Unsafe.SizeOf<WindowsConnectivityHint>());
    }
}
