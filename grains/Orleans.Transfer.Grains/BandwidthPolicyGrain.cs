using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Cluster.Bandwidth;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// The bandwidth policy of this silo's transfer worker, changed at run time. One activation per silo (stateless worker),
/// so a call reaches the worker that does the transfers. In a cluster a change is also the cluster's policy: the other
/// silos take it from <see cref="IClusterBandwidthGrain"/> at their next report (docs/cluster.md). It also answers this
/// silo's network cost and, in a cluster, this silo's share of the background cap.
/// </summary>
[StatelessWorker(1)]
internal sealed class BandwidthPolicyGrain(
    IBandwidthController controller,
    INetworkCostMonitor cost,
    IOptions<TransferClusterOptions> cluster,
    ClusterBandwidthAgent agent) : Grain, IBandwidthPolicyGrain
{
    public Task<NetworkCost> GetNetworkCostAsync() => Task.FromResult(cost.Current);

    public Task<ClusterBandwidthStatus?> GetClusterStatusAsync() => Task.FromResult(agent.Status);

    public Task<BandwidthPolicySpec> GetAsync() => Task.FromResult(BandwidthPolicySpecs.ToSpec(controller.Current));

    public async Task<BandwidthPolicySpec> SetAsync(BandwidthPolicySpec policy)
    {
        var parsed = BandwidthPolicySpecs.ToPolicy(policy);
        controller.Update(parsed);
        var applied = BandwidthPolicySpecs.ToSpec(controller.Current);
        if (cluster.Value.Enabled)
        {
            await GrainFactory.GetGrain<IClusterBandwidthGrain>(0).SetPolicyAsync(applied);
        }

        return applied;
    }
}
