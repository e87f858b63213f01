using System.Collections.Immutable;
using System.Net;
using Orleans.Transfer.Grains.Cluster;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>
/// What a silo starting in a cluster leaves alone: the jobs of the other silos that are not dead. The catalog side
/// (ListActiveNotOnSilosAsync) is JobCatalogTests' and JobCatalogPlanTests'.
/// </summary>
public sealed class LiveSilosTests
{
    [Fact]
    public void OtherThan_ListsTheOtherSilosNotDeclaredDead_AsTheCatalogRecordsThem()
    {
        var self = Silo(11111, 3);
        var active = Silo(11112, 1);
        var joining = Silo(11113, 1);
        var stopping = Silo(11114, 1);
        var dead = Silo(11115, 1);
        var selfBefore = Silo(11111, 2);
        var snapshot = new ClusterMembershipSnapshot(
            new[]
            {
                (self, SiloStatus.Active), (active, SiloStatus.Active), (joining, SiloStatus.Joining),
                (stopping, SiloStatus.ShuttingDown), (dead, SiloStatus.Dead), (selfBefore, SiloStatus.Dead),
            }.ToImmutableDictionary(m => m.Item1, m => new ClusterMember(m.Item1, m.Item2, m.Item1.ToString())),
            new MembershipVersion(7));

        var live = LiveSilos.OtherThan(snapshot, self);

        Assert.Equal(
            new[] { active, joining, stopping }.Select(s => s.ToParsableString()).Order(StringComparer.Ordinal),
            live);
    }

    [Fact]
    public void OtherThan_ThisSiloAlone_IsEmpty_SoEveryActiveJobIsWoken()
    {
        var self = Silo(11111, 1);
        var snapshot = new ClusterMembershipSnapshot(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty.Add(self, new ClusterMember(self, SiloStatus.Active, "self")),
            new MembershipVersion(1));

        Assert.Empty(LiveSilos.OtherThan(snapshot, self));
    }

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);
}
