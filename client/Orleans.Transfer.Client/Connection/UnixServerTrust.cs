using System.Globalization;
using System.Runtime.Versioning;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// Which Unix server a client may talk to: one run by root (the system service) or by the client's own user (the
/// service it started itself). Anyone else listening at the address could read the jobs' URLs and lie about them.
/// </summary>
internal static class UnixServerTrust
{
    /// <summary>Whether a server run as <paramref name="serverUid"/> may be sent requests by <paramref name="ownUid"/>.</summary>
    public static bool IsTrusted(uint serverUid, uint ownUid) => serverUid == 0 || serverUid == ownUid;

    /// <summary>The refusal for a server run by another account.</summary>
    [UnsupportedOSPlatform("windows")]
    public static TransferJobException Refusal(string path, uint serverUid)
    {
        var name = UnixAccounts.NameOf(serverUid) ?? "no account name";
        return new TransferJobException(
            TransferErrorCode.ServiceNotTrusted,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{path} is served by uid {serverUid} ({name}), not by root or you: refusing to send it anything; if this is the "
                + $"service, run it as root (the system service) or as yourself, else set {LocalApiAddress.SocketVariable} to the service's socket."));
    }

    /// <summary>The refusal when the server's identity could not be read: without it nothing is sent.</summary>
    public static TransferJobException Unverified(string path, string reason) =>
        new(
            TransferErrorCode.ServiceNotTrusted,
            $"Could not verify who serves {path} ({reason}): refusing to send it anything.");
}
