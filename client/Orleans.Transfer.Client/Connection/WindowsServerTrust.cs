using System.Globalization;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// Which pipe server a Windows client may talk to: one created by a service account (LocalSystem or LocalService), or
/// by an elevated administrator, whose objects the Administrators group owns. An ordinary user who took the pipe name
/// first owns the pipe as themselves and cannot make it look otherwise (setting another owner needs a privilege).
/// Unverified: this runs only on Windows, which the tests do not reach; see docs/cli.md.
/// </summary>
internal static class WindowsServerTrust
{
    /// <summary>LocalSystem, LocalService and BUILTIN\Administrators.</summary>
    private static readonly string[] s_trustedOwners = ["S-1-5-18", "S-1-5-19", "S-1-5-32-544"];

    /// <summary>Whether the pipe's owner is one the service runs as.</summary>
    public static bool IsTrusted(PipeServerIdentity server) => s_trustedOwners.Contains(server.OwnerSid, StringComparer.OrdinalIgnoreCase);

    /// <summary>The refusal for a pipe another account created.</summary>
    public static TransferJobException Refusal(string pipe, PipeServerIdentity server) =>
        new(
            TransferErrorCode.ServiceNotTrusted,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{pipe} is served by process {server.ProcessId}, whose pipe belongs to {server.OwnerSid}, not to LocalSystem, "
                + $"LocalService or the Administrators: refusing to send it anything; the transfer service runs as a Windows service."));

    /// <summary>The refusal when the pipe's server could not be read: without it nothing is sent.</summary>
    public static TransferJobException Unverified(string pipe, string reason) =>
        new(
            TransferErrorCode.ServiceNotTrusted,
            $"Could not verify who serves {pipe} ({reason}): refusing to send it anything (this check is unverified on Windows).");
}
