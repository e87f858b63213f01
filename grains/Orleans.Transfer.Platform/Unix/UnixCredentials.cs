namespace Orleans.Transfer.Platform.Unix;

/// <summary>The identity the kernel checks file access against: a user, a primary group and supplementary groups.</summary>
/// <param name="UserId">The uid.</param>
/// <param name="GroupId">The primary gid.</param>
/// <param name="Groups">The supplementary groups (the primary one may be among them).</param>
public sealed record UnixCredentials(uint UserId, uint GroupId, IReadOnlyList<uint> Groups);
