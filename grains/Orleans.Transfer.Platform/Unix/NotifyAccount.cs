namespace Orleans.Transfer.Platform.Unix;

/// <summary>The account a notify command runs as: what it needs to start the program and describe the user to it.</summary>
/// <param name="Name">The login name (what <c>ProcessStartInfo.UserName</c> takes).</param>
/// <param name="UserId">The account's uid.</param>
/// <param name="HomeDirectory">The account's home directory as the user database has it (it may not exist).</param>
public sealed record NotifyAccount(string Name, uint UserId, string HomeDirectory);
