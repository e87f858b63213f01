using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Hosting;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>
/// The caller on Linux: the peer's uid from SO_PEERCRED (<see cref="PeerCredentialsFeature"/>). Owner <c>unix:&lt;uid&gt;</c>;
/// administrators are root and members of <see cref="LocalApiOptions.AdminGroup"/>.
/// </summary>
internal sealed class UnixCallerIdentityResolver(IOptions<LocalApiOptions> options) : ICallerIdentityResolver
{
    private readonly uint _serviceUid = UnixAccounts.EffectiveUserId();

    public CallerInfo Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var peer = context.Features.Get<PeerCredentialsFeature>()?.Credentials
            ?? throw new TransferJobException(
                TransferErrorCode.NotAuthenticated,
                "The connection carries no peer credentials, so the service cannot tell who is calling; connect to the local API's Unix socket.");
        var owner = OwnerOf(peer.UserId);
        var user = UnixAccounts.FindUser(peer.UserId);
        return _serviceUid == 0
            ? ForRootService(peer.UserId, owner, user, options.Value.AdminGroup)
            : ForUnprivilegedService(peer.UserId, owner, user?.Name ?? owner, _serviceUid, UnixAccounts.FindUser(_serviceUid)?.Name ?? OwnerOf(_serviceUid));
    }

    /// <summary>A service running as root serves everyone; root and the members of <paramref name="adminGroup"/> administer it.</summary>
    internal static CallerInfo ForRootService(uint callerUid, string owner, UnixUser? user, string? adminGroup) =>
        new(owner, user?.Name ?? owner, callerUid == 0 || IsInGroup(user, adminGroup));

    /// <summary>
    /// A service that does not run as root can act only with its own user's rights, so it serves that user (its
    /// administrator) and root, and refuses everyone else rather than act for them with someone else's rights.
    /// </summary>
    internal static CallerInfo ForUnprivilegedService(uint callerUid, string owner, string name, uint serviceUid, string serviceName)
    {
        if (callerUid == serviceUid || callerUid == 0)
        {
            return new CallerInfo(owner, name, IsAdministrator: true);
        }

        throw new TransferJobException(
            TransferErrorCode.AccessDenied,
            $"This service runs as {serviceName} and serves only {serviceName}; use the system service ({LocalApiAddress.SystemSocketPath}).");
    }

    internal static string OwnerOf(uint uid) => "unix:" + uid.ToString(CultureInfo.InvariantCulture);

    private static bool IsInGroup(UnixUser? user, string? group) =>
        user is not null
        && group is { Length: > 0 }
        && UnixAccounts.FindGroupId(group) is { } gid
        && UnixAccounts.GroupsOf(user.Name, user.PrimaryGroupId).Contains(gid);
}
