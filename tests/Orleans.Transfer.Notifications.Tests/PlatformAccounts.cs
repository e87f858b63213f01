using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications.Tests;

/// <summary>The platform's notify command accounts, as the service registers them.</summary>
internal static class PlatformAccounts
{
    public static INotifyCommandAccounts Create(string? trustedServiceAccount = null) => OperatingSystem.IsWindows()
        ? new WindowsNotifyCommandAccounts()
        : new UnixNotifyCommandAccounts(Options.Create(new NotifyCommandAccountOptions { TrustedServiceAccount = trustedServiceAccount }));
}
