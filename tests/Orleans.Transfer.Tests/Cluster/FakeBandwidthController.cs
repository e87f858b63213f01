using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>A silo's bandwidth controller whose demand the test sets and whose policy and share it reads.</summary>
internal sealed class FakeBandwidthController : IBandwidthController
{
    private readonly Lock _lock = new();
    private BandwidthPolicy _policy = BandwidthPolicy.Unlimited;
    private double _share = 1;

    public BandwidthPolicy Current
    {
        get
        {
            lock (_lock)
            {
                return _policy;
            }
        }
    }

    public int BackgroundDemand { get; set; }

    public double Share
    {
        get
        {
            lock (_lock)
            {
                return _share;
            }
        }
    }

    public void Update(BandwidthPolicy policy)
    {
        lock (_lock)
        {
            _policy = policy;
        }
    }

    public void SetBackgroundShare(double share)
    {
        lock (_lock)
        {
            _share = share;
        }
    }
}
