namespace Orleans.Transfer.LocalApi;

/// <summary>The body of <see cref="LocalApiRoutes.RemoteUrl"/>: a file's new remote URL.</summary>
/// <param name="RemoteUrl">The new URL, which must serve the same content to keep the bytes already fetched.</param>
public sealed record RemoteUrlChange(string RemoteUrl);
