using System.Runtime.Versioning;
using System.Security.Principal;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>
/// The caller on Windows: the named pipe client's token. Owner = the user's SID. Not yet verified on a real Windows
/// machine, so it fails closed: only members of the Administrators group (S-1-5-32-544, enabled in the token, that is
/// an elevated caller) are served; everyone else is refused with the reason.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsCallerIdentityResolver : ICallerIdentityResolver
{
    private static readonly SecurityIdentifier s_administrators = new(WellKnownSidType.BuiltinAdministratorsSid, null);

    public CallerInfo Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipe = context.Features.Get<IConnectionNamedPipeFeature>()?.NamedPipe
            ?? throw new TransferJobException(
                TransferErrorCode.NotAuthenticated,
                $"The connection is not the local API's named pipe ({LocalApiAddress.PipeName}), so the service cannot tell who is calling.");

        // Impersonating the client is how a pipe server reads the client's token; the pipe has been read from already.
        WindowsIdentity? identity = null;
        pipe.RunAsClient(() => identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query));
        using var caller = identity ?? throw new TransferJobException(
            TransferErrorCode.NotAuthenticated, "The named pipe client's identity could not be read.");
        var sid = caller.User?.Value ?? throw new TransferJobException(
            TransferErrorCode.NotAuthenticated, "The named pipe client's token has no user SID.");

        // WindowsIdentity.Groups lists only enabled groups: a non-elevated administrator's Administrators group is deny-only.
        if (caller.Groups?.Contains(s_administrators) != true)
        {
            throw new TransferJobException(
                TransferErrorCode.AccessDenied,
                $"On Windows the local API serves only members of the Administrators group for now ({caller.Name} is not one, "
                + "or the prompt is not elevated): serving other users is not verified yet. Run the command from an elevated prompt.");
        }

        return new CallerInfo(sid, caller.Name, IsAdministrator: true);
    }
}
