using Microsoft.Extensions.Hosting.WindowsServices;

namespace Orleans.Transfer.Silo.Security;

/// <summary>Whether TLS is on, and the reason the start-up log gives.</summary>
public sealed record OrleansTlsDecision(bool Enabled, string Reason)
{
    /// <summary>The decision for this process.</summary>
    public static OrleansTlsDecision ForCurrentProcess(OrleansTlsMode mode) =>
        Decide(mode, CurrentPrivilege());

    /// <summary>Applies <paramref name="mode"/>; under Auto, TLS is on exactly when <paramref name="privilege"/> is privileged.</summary>
    public static OrleansTlsDecision Decide(OrleansTlsMode mode, ProcessPrivilege privilege) => mode switch
    {
        OrleansTlsMode.On => new(true, $"{OrleansTlsOptions.SectionName}:OrleansTls is On"),
        OrleansTlsMode.Off => new(false, $"{OrleansTlsOptions.SectionName}:OrleansTls is Off"),
        _ => privilege switch
        {
            ProcessPrivilege.Root => new(true, "OrleansTls is Auto and the silo runs as root"),
            ProcessPrivilege.WindowsService => new(true, "OrleansTls is Auto and the silo runs as a Windows service"),
            ProcessPrivilege.Administrator => new(true, "OrleansTls is Auto and the silo runs as an Administrator"),
            _ => new(false, "OrleansTls is Auto and the silo runs unprivileged, with no more rights than the account that started it"),
        },
    };

    private static ProcessPrivilege CurrentPrivilege()
    {
        if (OperatingSystem.IsWindows())
        {
            return WindowsServiceHelpers.IsWindowsService() ? ProcessPrivilege.WindowsService
                : Environment.IsPrivilegedProcess ? ProcessPrivilege.Administrator
                : ProcessPrivilege.None;
        }

        // On Unix this is geteuid() == 0.
        return Environment.IsPrivilegedProcess ? ProcessPrivilege.Root : ProcessPrivilege.None;
    }
}
