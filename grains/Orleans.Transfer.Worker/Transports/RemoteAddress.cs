namespace Orleans.Transfer.Worker;

/// <summary>A remote name as given, parsed.</summary>
/// <param name="Remote">The name as given: a URL, or an absolute local path.</param>
/// <param name="Uri">The parsed URL; a file URL when <paramref name="Remote"/> is a local path.</param>
/// <param name="IsLocalPath">True when <paramref name="Remote"/> is an absolute local path rather than a URL.</param>
internal sealed record RemoteAddress(string Remote, Uri Uri, bool IsLocalPath);
