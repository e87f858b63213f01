namespace Orleans.Transfer.Grains.Costs;

/// <summary>
/// The administrator's default transfer policy (B85, BITS' <c>CostedNetworkBehaviorForegroundPriority</c> and
/// <c>...BackgroundPriority</c>), configuration section <c>Transfer:Network:CostPolicy</c>. It applies to every job
/// that has no policy of its own; a job's own policy (<c>xfer job set --cost-policy</c>) wins. Each value is a preset
/// name or a mask (<see cref="TransferPolicy.TryParse"/>), checked at start.
/// </summary>
public sealed class CostPolicyOptions
{
    public const string SectionName = "Transfer:Network:CostPolicy";

    /// <summary>The default for Foreground jobs. Default: <c>always</c> (BITS' default).</summary>
    public string Foreground { get; set; } = "always";

    /// <summary>The default for High, Normal and Low jobs. Default: <c>always</c> (BITS' default).</summary>
    public string Background { get; set; } = "always";

    /// <summary>The default policy for a job of <paramref name="priority"/>; <c>always</c> for a value the validator would refuse.</summary>
    public NetworkCostStates DefaultFor(JobPriority priority) =>
        TransferPolicy.TryParse(priority == JobPriority.Foreground ? Foreground : Background, out var policy, out _) ? policy : TransferPolicy.Always;
}
