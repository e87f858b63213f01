using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains;

/// <summary>Converts between the policy's wire form (<see cref="BandwidthPolicySpec"/>) and the worker's.</summary>
internal static class BandwidthPolicySpecs
{
    /// <summary>Parses the spec; a malformed rate throws <see cref="TransferJobException"/> (InvalidArgument) naming its key.</summary>
    public static BandwidthPolicy ToPolicy(BandwidthPolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            return BandwidthPolicy.FromOptions(new BandwidthOptions
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
    }

    public static BandwidthPolicySpec ToSpec(BandwidthPolicy policy)
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
