using Orleans.Concurrency;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>
/// The bandwidth policy of this silo's transfer worker, changed at run time. One activation per silo (stateless worker),
/// so a call reaches the worker that does the transfers; a multi-silo cluster would need each silo told. It also
/// answers this silo's network cost.
/// </summary>
[StatelessWorker(1)]
internal sealed class BandwidthPolicyGrain(IBandwidthController controller, INetworkCostMonitor cost) : Grain, IBandwidthPolicyGrain
{
    public Task<NetworkCost> GetNetworkCostAsync() => Task.FromResult(cost.Current);

    public Task<BandwidthPolicySpec> GetAsync() => Task.FromResult(ToSpec(controller.Current));

    public Task<BandwidthPolicySpec> SetAsync(BandwidthPolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        BandwidthPolicy parsed;
        try
        {
            parsed = BandwidthPolicy.FromOptions(new BandwidthOptions
            {
                BackgroundLimit = policy.BackgroundLimit,
                Timetable = policy.Timetable,
                PriorityLimits = new PriorityLimitOptions { High = policy.HighLimit, Normal = policy.NormalLimit, Low = policy.LowLimit },
            });
        }
        catch (FormatException e)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, e.Message, "policy");
        }

        controller.Update(parsed);
        return Task.FromResult(ToSpec(controller.Current));
    }

    private static BandwidthPolicySpec ToSpec(BandwidthPolicy policy)
    {
        var options = policy.ToOptions();
        return new BandwidthPolicySpec(
            options.BackgroundLimit,
            options.Timetable,
            options.PriorityLimits.High,
            options.PriorityLimits.Normal,
            options.PriorityLimits.Low);
    }
}
