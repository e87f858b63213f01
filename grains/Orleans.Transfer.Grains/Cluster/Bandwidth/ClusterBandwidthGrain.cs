using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>
/// Holds the cluster's policy and the background cap's shares in memory (<see cref="IClusterBandwidthGrain"/>). If its
/// silo dies it comes back empty on another: the silos keep the policy they applied and their last share until the
/// next report (one interval later) rebuilds the shares.
/// </summary>
internal sealed class ClusterBandwidthGrain(
    IOptions<TransferClusterOptions> options,
    IClusterMembershipService membership,
    TimeProvider time) : Grain, IClusterBandwidthGrain
{
    // Three missed reports: a silo busy for one interval keeps its share.
    private readonly BackgroundShares _shares = new(time, options.Value.BandwidthRebalanceInterval * 3);
    private BandwidthPolicySpec? _policy;
    private Guid? _version;

    public Task<ClusterBandwidthAnswer> ReportAsync(SiloDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ForgetDeadSilos();
        var share = _shares.Report(demand.Silo, demand.BackgroundJobs);
        return Task.FromResult(new ClusterBandwidthAnswer(share, _policy, _version));
    }

    public Task<Guid> SetPolicyAsync(BandwidthPolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _version = Guid.NewGuid();
        return Task.FromResult(_version.Value);
    }

    public Task<IReadOnlyDictionary<SiloAddress, double>> GetSharesAsync()
    {
        ForgetDeadSilos();
        return Task.FromResult(_shares.Current());
    }

    private void ForgetDeadSilos()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in _shares.Current().Keys.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList())
        {
            _shares.Remove(silo);
        }
    }
}
