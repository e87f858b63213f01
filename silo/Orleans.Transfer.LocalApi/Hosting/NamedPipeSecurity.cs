using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using Microsoft.AspNetCore.Server.Kestrel.Transport.NamedPipes;

namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>
/// Who may open the local API's pipe: every signed-in user may connect, so that a refusal reaches them as an answer
/// (the caller resolver decides whom the service serves); only the service's own account may create pipe instances.
/// Not yet verified on a real Windows machine.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class NamedPipeSecurity
{
    public static void Configure(NamedPipeTransportOptions options)
    {
        // Kestrel's default lets only the service's own account connect: the service runs as SYSTEM, its callers do not.
        options.CurrentUserOnly = false;
        var security = new PipeSecurity();
        security.AddAccessRule(new PipeAccessRule(
            new SecurityIdentifier(WellKnownSidType.AuthenticatedUserSid, null), PipeAccessRights.ReadWrite, AccessControlType.Allow));
        using var service = WindowsIdentity.GetCurrent();
        if (service.User is { } account)
        {
            security.AddAccessRule(new PipeAccessRule(account, PipeAccessRights.FullControl, AccessControlType.Allow));
        }

        options.PipeSecurity = security;
    }
}
