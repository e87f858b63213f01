namespace Orleans.Transfer;

/// <summary>A file to add to a job.</summary>
/// <param name="RemoteUrl">Absolute http, https or file URL (or an absolute local path) of the source.</param>
/// <param name="LocalPath">Absolute path of the destination file; its directory must exist.</param>
/// <param name="Ranges">Optional byte ranges, written contiguously into the local file in the order given.</param>
/// <param name="Digest">
/// Optional expected digest of the whole downloaded file: the file cannot complete unless its bytes match it (see
/// docs/integrity.md). Downloads of whole files only: refused with <see cref="Ranges"/> and for upload jobs.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.FileSpec")]
public sealed record FileSpec(string RemoteUrl, string LocalPath, IReadOnlyList<ByteRange>? Ranges = null, ContentDigest? Digest = null);
