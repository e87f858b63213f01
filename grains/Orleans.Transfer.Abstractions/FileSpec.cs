namespace Orleans.Transfer;

/// <summary>A file to add to a job.</summary>
/// <param name="RemoteUrl">Absolute http, https or file URL (or an absolute local path) of the source.</param>
/// <param name="LocalPath">Absolute path of the destination file; its directory must exist.</param>
/// <param name="Ranges">Optional byte ranges, written contiguously into the local file in the order given.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.FileSpec")]
public sealed record FileSpec(string RemoteUrl, string LocalPath, IReadOnlyList<ByteRange>? Ranges = null);
