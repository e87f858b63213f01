using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>A job's cost policy against an unknown (unrestricted) cost and the default options, for tests of other parts.</summary>
internal static class TestCosts
{
    public static JobCostPolicy For(Func<TransferJobState> job) => new(Guid.NewGuid(), job, new FakeNetworkCostMonitor(), new CostPolicyOptions());
}
