using System.Net;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Grains.Cluster.Bandwidth;

namespace Orleans.Transfer.Tests.Cluster;

public sealed class BackgroundSharesTests
{
    private static readonly TimeSpan s_expiry = TimeSpan.FromSeconds(6);
    private static readonly SiloAddress s_a = Silo(1);
    private static readonly SiloAddress s_b = Silo(2);
    private static readonly SiloAddress s_c = Silo(3);

    [Fact]
    public void Shares_follow_demand_and_sum_to_one()
    {
        var shares = BackgroundShares.Split(new Dictionary<SiloAddress, int> { [s_a] = 2, [s_b] = 1, [s_c] = 0 });

        var even = BackgroundShares.EvenPart / 3;
        Assert.Equal(even + (15.0 / 16 * 2 / 3), shares[s_a], 12);
        Assert.Equal(even + (15.0 / 16 / 3), shares[s_b], 12);
        Assert.Equal(even, shares[s_c], 12);
        Assert.Equal(1, shares.Values.Sum(), 12);
    }

    [Fact]
    public void Without_demand_the_cap_is_split_evenly()
    {
        var shares = BackgroundShares.Split(new Dictionary<SiloAddress, int> { [s_a] = 0, [s_b] = 0 });

        Assert.All(shares.Values, share => Assert.Equal(0.5, share, 12));
    }

    [Fact]
    public void A_silo_alone_has_the_whole_cap()
    {
        var shares = new BackgroundShares(new FakeTimeProvider(), s_expiry);

        Assert.Equal(1, shares.Report(s_a, 5), 12);
        Assert.Equal(1, shares.Report(s_a, 0), 12);
    }

    [Fact]
    public void A_silo_that_stops_reporting_releases_its_share()
    {
        var time = new FakeTimeProvider();
        var shares = new BackgroundShares(time, s_expiry);
        shares.Report(s_a, 1);
        shares.Report(s_b, 1);
        Assert.Equal(0.5, shares.Report(s_a, 1), 12);

        // b is silent for longer than the expiry while a keeps reporting.
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            shares.Report(s_a, 1);
        }

        Assert.Equal([s_a], shares.Current().Keys);
        Assert.Equal(1, shares.Report(s_a, 1), 12);
    }

    [Fact]
    public void A_silo_declared_dead_releases_its_share_at_once()
    {
        var shares = new BackgroundShares(new FakeTimeProvider(), s_expiry);
        shares.Report(s_a, 3);
        shares.Report(s_b, 1);

        shares.Remove(s_b);

        Assert.Equal(1, shares.Current()[s_a], 12);
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + port), 1);
}
