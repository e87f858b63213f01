using System.Diagnostics.CodeAnalysis;
using System.Runtime.Versioning;
using System.Security.Principal;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Windows, unverified (docs/security.md): starting a program under another user's token is not implemented, so a
/// command runs only for jobs the service's own account owns and is refused for everyone else's (fails closed).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsNotifyCommandAccounts : INotifyCommandAccounts
{
    private readonly string? _serviceSid;
    private readonly string _serviceName;

    public WindowsNotifyCommandAccounts()
    {
        using var identity = WindowsIdentity.GetCurrent();
        _serviceSid = identity.User?.Value;
        _serviceName = identity.Name;
    }

    public bool TryResolve(
        string owner,
        [NotNullWhen(true)] out NotifyCommandAccount? account,
        [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (_serviceSid is null || !string.Equals(owner, _serviceSid, StringComparison.OrdinalIgnoreCase))
        {
            account = null;
            refusal = $"The job's owner {owner} is not the service's account ({_serviceName}); on Windows a notify command " +
                "runs only for the service account's own jobs (running it as another user is not implemented), so it was not run.";
            return false;
        }

        var systemRoot = Environment.GetFolderPath(Environment.SpecialFolder.Windows);
        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var system32 = Environment.GetFolderPath(Environment.SpecialFolder.System);
        account = new NotifyCommandAccount(
            null,
            $"{_serviceName} ({_serviceSid})",
            Directory.Exists(profile) ? profile : systemRoot,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                // Without SystemRoot many Windows programs cannot even load their DLLs.
                ["SystemRoot"] = systemRoot,
                ["PATH"] = $"{system32};{systemRoot}",
                ["USERPROFILE"] = profile,
                ["TEMP"] = Path.GetTempPath(),
                ["TMP"] = Path.GetTempPath(),
            });
        refusal = null;
        return true;
    }
}
