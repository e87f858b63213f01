namespace Orleans.Transfer.Grains.ContentCache;

/// <summary>
/// One content of the cluster content cache, keyed by its identity (<c>ContentIdentity.Key</c>, the SHA-256 of URL,
/// strong validator and length): who fills it, the SHA-256 of each block the filler stored, and which runs use it.
/// Silo-internal; the worker reaches it through <see cref="GrainContentCacheCoordinator"/>. Its state is in memory:
/// after a collection the next run finds the store's manifest, or fills again.
/// </summary>
[Alias("Orleans.Transfer.Grains.ContentCache.IContentCacheGrain")]
public interface IContentCacheGrain : IGrainWithStringKey
{
    /// <summary>Joins the content; true when <paramref name="participant"/> is to fill it.</summary>
    [Alias("Join")]
    Task<bool> JoinAsync(int blocks, Guid participant);

    /// <summary>The filler stored block <paramref name="index"/>; ignored from anyone but the current filler.</summary>
    [Alias("BlockFilled")]
    Task BlockFilledAsync(Guid participant, int index, byte[] sha256);

    /// <summary>The filler stopped, with every block stored or not; ignored from anyone but the current filler.</summary>
    [Alias("FillEnded")]
    Task FillEndedAsync(Guid participant, bool complete);

    /// <summary>Block <paramref name="index"/>'s SHA-256 once stored, waiting up to <paramref name="wait"/>.</summary>
    [Alias("WaitForBlock")]
    Task<CachedBlock> WaitForBlockAsync(int index, TimeSpan wait);

    /// <summary>A copier found block <paramref name="index"/> bad in the store: the next run fills the content again.</summary>
    [Alias("BlockBad")]
    Task BlockBadAsync(int index);

    /// <summary>The run is done with the content.</summary>
    [Alias("Leave")]
    Task LeaveAsync(Guid participant);

    /// <summary>Forgets the content when no run uses it (its files may then be deleted); false when in use.</summary>
    [Alias("TryEvict")]
    Task<bool> TryEvictAsync();
}
