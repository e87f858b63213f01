using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Linux and other Unix systems. A service running as root runs each command as its job's owner: <c>unix:&lt;uid&gt;</c>
/// as that uid's account, a user name as that user, anything else (a trusted service's owner) as
/// <see cref="NotifyCommandAccountOptions.TrustedServiceAccount"/>, or not at all. A service that is not root serves
/// only its own user and runs every command as itself (it could not switch users anyway).
/// </summary>
internal sealed class UnixNotifyCommandAccounts(IOptions<NotifyCommandAccountOptions> options) : INotifyCommandAccounts
{
    /// <summary>The PATH every command gets (systemd's default for services), never the service's own.</summary>
    public const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const string UnixOwnerPrefix = "unix:";

    private readonly uint _serviceUserId = UnixAccounts.EffectiveUserId();

    public bool TryResolve(
        string owner,
        [NotNullWhen(true)] out NotifyCommandAccount? account,
        [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(owner);
        account = null;
        if (_serviceUserId != 0)
        {
            account = Describe(NotifyAccountLookup.FindByUserId(_serviceUserId), _serviceUserId, runAs: false);
            refusal = null;
            return true;
        }

        var found = Find(owner, out refusal);
        if (found is not null)
        {
            // Root's own jobs need no switch; everyone else's start as their account.
            account = Describe(found, found.UserId, runAs: found.UserId != _serviceUserId);
        }

        return account is not null;
    }

    private NotifyAccount? Find(string owner, out string? refusal)
    {
        refusal = null;
        if (owner.StartsWith(UnixOwnerPrefix, StringComparison.Ordinal))
        {
            var text = owner[UnixOwnerPrefix.Length..];
            if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                refusal = $"The job's owner '{owner}' is not unix:<uid>; the notify command was not run.";
                return null;
            }

            return NotifyAccountLookup.FindByUserId(uid) ?? Refuse(
                $"The job's owner {owner} has no account on this machine (uid {uid} is not in the user database); " +
                "the notify command was not run.",
                out refusal);
        }

        if (NotifyAccountLookup.FindByName(owner) is { } user)
        {
            return user;
        }

        if (options.Value.TrustedServiceAccount is not { } trusted)
        {
            return Refuse(
                $"The job's owner '{owner}' is not a local account, and {NotifyCommandAccountOptions.SectionName}:" +
                $"{nameof(NotifyCommandAccountOptions.TrustedServiceAccount)} is not set; the notify command was not run. " +
                "Set it to the account trusted services' commands should run as.",
                out refusal);
        }

        return NotifyAccountLookup.FindByName(trusted) ?? Refuse(
            $"The job's owner '{owner}' is not a local account, and {NotifyCommandAccountOptions.SectionName}:" +
            $"{nameof(NotifyCommandAccountOptions.TrustedServiceAccount)} names '{trusted}', which has no account on this " +
            "machine; the notify command was not run.",
            out refusal);
    }

    private static NotifyAccount? Refuse(string reason, out string? refusal)
    {
        refusal = reason;
        return null;
    }

    private static NotifyCommandAccount Describe(NotifyAccount? account, uint uid, bool runAs)
    {
        var home = account?.HomeDirectory is { Length: > 0 } directory && Path.IsPathFullyQualified(directory) ? directory : "/";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = SafePath,
            ["HOME"] = home,
            ["LANG"] = "C.UTF-8",
        };
        if (account is not null)
        {
            environment["USER"] = account.Name;
            environment["LOGNAME"] = account.Name;
        }

        var id = uid.ToString(CultureInfo.InvariantCulture);
        return new NotifyCommandAccount(
            runAs ? account!.Name : null,
            account is null ? $"uid {id}" : $"{account.Name} (uid {id})",
            Directory.Exists(home) ? home : "/",
            environment);
    }
}
