using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Costs;

/// <summary>
/// One job's transfer policy (B84, B85) against this silo's network cost: the policy in force (the job's own, else
/// the administrator's default for its priority), whether it allows the cost now, a <see cref="CostWatch"/> for a
/// transfer, and the failure that puts the job in TransientError while it does not. Plain; the runner, the
/// transitions and the timers share one.
/// </summary>
internal sealed class JobCostPolicy(Guid jobId, Func<TransferJobState> job, INetworkCostMonitor monitor, CostPolicyOptions options)
{
    private TransferJobState Job => job();

    /// <summary>The policy in force.</summary>
    public NetworkCostStates Effective => Job.CostPolicy is { } own ? (NetworkCostStates)own : options.DefaultFor(Job.Priority);

    /// <summary>True when the job follows the administrator's default.</summary>
    public bool IsDefault => Job.CostPolicy is null;

    /// <summary>This silo's network cost now.</summary>
    public NetworkCost Current => monitor.Current;

    /// <summary>True when the policy in force allows the cost now.</summary>
    public bool AllowsNow => TransferPolicy.Allows(Effective, monitor.Current.State);

    /// <summary>Takes the update's policy (or its return to the default); JobInputValidator checked it.</summary>
    public void Apply(JobPropertiesUpdate update)
    {
        if (update.DefaultCostPolicy)
        {
            Job.CostPolicy = null;
        }
        else if (update.CostPolicy is { } policy)
        {
            Job.CostPolicy = (uint)policy;
        }
    }

    /// <summary>Watches the cost for one transfer, against the policy in force.</summary>
    public CostWatch Watch() => new(monitor, Effective);

    /// <summary>A job in TransientError because of the network's cost: no retry time, it waits for the cost or its policy.</summary>
    public static bool WaitsForCost(TransferJobState job) =>
        job.State == JobState.TransientError && job.Error?.Code == TransferErrorCode.NetworkCostNotAllowed;

    /// <summary>Which cost, which policy, and what to do: the job's error while it waits.</summary>
    public TransferFailure Failure(NetworkCost cost)
    {
        var policy = Effective;
        var whose = IsDefault
            ? $"the service's default for {Job.Priority} jobs ({CostPolicyOptions.SectionName}:{(Job.Priority == JobPriority.Foreground ? "Foreground" : "Background")})"
            : "the job's own";
        return new TransferFailure(
            TransferErrorCode.NetworkCostNotAllowed,
            ErrorContext.Transport,
            $"The network's cost is {cost.State} ({cost.Source}: {cost.Detail}), which the transfer policy {TransferPolicy.Name(policy)} "
                + $"({whose}) does not allow. The job continues by itself when the cost or its policy allows it; to transfer now, "
                + $"run 'xfer job set {jobId} --cost-policy always'.",
            HttpStatus: null,
            IsTransient: true);
    }
}
