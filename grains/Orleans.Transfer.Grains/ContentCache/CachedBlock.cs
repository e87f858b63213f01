namespace Orleans.Transfer.Grains.ContentCache;

/// <summary>One block as the content grain knows it.</summary>
/// <param name="Sha256">The SHA-256 the filler recorded, or null while not stored.</param>
/// <param name="Failed">The fill ended without this block: fetch from the origin.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Grains.ContentCache.CachedBlock")]
public sealed record CachedBlock([property: Id(0)] byte[]? Sha256, [property: Id(1)] bool Failed);
