namespace Orleans.Transfer.LocalApi;

/// <summary>The body of <see cref="LocalApiRoutes.RemotePrefix"/>: replace a prefix of the remote URLs of the job's files.</summary>
/// <param name="OldPrefix">The prefix to replace, such as <c>http://old-server/</c>; compared case-sensitively.</param>
/// <param name="NewPrefix">What replaces it.</param>
public sealed record RemotePrefixChange(string OldPrefix, string NewPrefix);
