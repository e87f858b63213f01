namespace Orleans.Transfer.Notifications;

/// <summary>Whom a job's notify command runs as, and the environment it starts with.</summary>
/// <param name="UserName">
/// The account to start the program as (<see cref="System.Diagnostics.ProcessStartInfo.UserName"/>, which on Unix also
/// sets the gid and supplementary groups), or null to start it as the service itself.
/// </param>
/// <param name="Description">Who that is, for logs and the attempt's detail, for example <c>alice (uid 1001)</c>.</param>
/// <param name="WorkingDirectory">Where the program starts: the account's home, or the root directory.</param>
/// <param name="Environment">The program's whole environment, before the <c>XFER_*</c> variables are added.</param>
public sealed record NotifyCommandAccount(
    string? UserName,
    string Description,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
