namespace Orleans.Transfer.Worker;

/// <summary>
/// The silo's bandwidth policy, applied to running transfers within a second of a change. It starts from
/// <see cref="BandwidthOptions"/> and follows their reloads; <see cref="Update"/> replaces it at run time (for
/// <c>xfer policy set</c>) until the next configuration reload.
/// </summary>
public interface IBandwidthController
{
    /// <summary>The policy in force.</summary>
    BandwidthPolicy Current { get; }

    /// <summary>Replaces the policy; running transfers follow within a second.</summary>
    void Update(BandwidthPolicy policy);
}
