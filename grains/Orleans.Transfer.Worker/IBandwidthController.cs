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

    /// <summary>
    /// Background jobs transferring now (distinct jobs of High, Normal or Low priority): this silo's demand on the
    /// cluster's background cap.
    /// </summary>
    int BackgroundDemand { get; }

    /// <summary>
    /// This silo's share of the background cap, in (0, 1]: in a cluster the cap is one budget and each silo's bucket runs
    /// at its share of it (1 for a silo alone). A cap of 0 stays 0 and no cap stays none.
    /// </summary>
    void SetBackgroundShare(double share);
}
