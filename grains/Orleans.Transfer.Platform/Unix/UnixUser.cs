namespace Orleans.Transfer.Platform.Unix;

/// <summary>A user account from the system's user database.</summary>
/// <param name="Name">The login name.</param>
/// <param name="PrimaryGroupId">The account's primary group.</param>
public sealed record UnixUser(string Name, uint PrimaryGroupId);
