namespace Orleans.Transfer.Grains.Cluster;

/// <summary>The silos of a membership snapshot that run their own jobs: every one not declared dead, but this one.</summary>
internal static class LiveSilos
{
    /// <summary>
    /// The addresses (<c>SiloAddress.ToParsableString()</c>, as the catalog records them) of the members of
    /// <paramref name="snapshot"/> other than <paramref name="self"/> that are not dead: joining, active or stopping.
    /// A silo stopping or dying is left to the dead-silo wake-up (<see cref="DeadSiloJobWaker"/>).
    /// </summary>
    public static IReadOnlyList<string> OtherThan(ClusterMembershipSnapshot snapshot, SiloAddress self) =>
    [
        .. snapshot.Members.Values
            .Where(m => m.Status != SiloStatus.Dead && !m.SiloAddress.Equals(self))
            .Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal),
    ];
}
