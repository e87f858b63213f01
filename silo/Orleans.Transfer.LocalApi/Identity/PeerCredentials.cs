namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>The process at the other end of a Unix socket, as the kernel recorded it when that process connected (SO_PEERCRED).</summary>
/// <param name="ProcessId">The peer's process id.</param>
/// <param name="UserId">The peer's effective user id.</param>
/// <param name="GroupId">The peer's effective group id.</param>
public readonly record struct PeerCredentials(int ProcessId, uint UserId, uint GroupId);
