namespace Orleans.Transfer.Grains.Cluster;

/// <summary>Whether membership declared a silo dead: the only silo whose temporary-file locks a survivor may take over.</summary>
internal static class DeclaredDead
{
    /// <summary>
    /// True when <paramref name="silo"/> (<c>SiloAddress.ToParsableString()</c>) is a member of
    /// <paramref name="snapshot"/> with the status Dead. A silo the snapshot does not know (cleaned up, another
    /// cluster, localhost clustering) is not: nothing says it stopped, so its locks are left alone.
    /// </summary>
    public static bool Is(ClusterMembershipSnapshot snapshot, string silo) =>
        snapshot.Members.Values.Any(m => m.Status == SiloStatus.Dead && string.Equals(m.SiloAddress.ToParsableString(), silo, StringComparison.Ordinal));
}
