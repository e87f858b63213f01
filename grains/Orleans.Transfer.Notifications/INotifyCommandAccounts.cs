using System.Diagnostics.CodeAnalysis;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Decides whom a job's notify command runs as, from the job's owner (docs/notifications.md, "Account"). A command
/// runs with its owner's rights or not at all: an owner that maps to no account is refused, never run as the service.
/// </summary>
public interface INotifyCommandAccounts
{
    /// <summary>Finds the account for <paramref name="owner"/>.</summary>
    /// <param name="owner">The job's owner: <c>unix:&lt;uid&gt;</c>, a user name, a Windows SID, or a trusted service's own string.</param>
    /// <param name="account">The account to run as, when there is one.</param>
    /// <param name="refusal">Why the command may not run, when there is none: which owner and what to do.</param>
    bool TryResolve(
        string owner,
        [NotNullWhen(true)] out NotifyCommandAccount? account,
        [NotNullWhen(false)] out string? refusal);
}
