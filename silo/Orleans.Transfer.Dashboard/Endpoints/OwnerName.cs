using System.Globalization;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>An owner id and the user name the platform gives it, for the pages (<c>GET /api/owners/{owner}</c>).</summary>
/// <param name="Owner">The owner id, as jobs carry it: <c>unix:1001</c>.</param>
/// <param name="Name">The account's name (<c>alice</c>), or null when the platform cannot say (no such user, not Linux).</param>
internal sealed record OwnerName(string Owner, string? Name)
{
    private const string UnixPrefix = "unix:";

    // The account database is as readable as getent passwd: a name reveals nothing a local user cannot list.
    public static OwnerName Resolve(string owner) =>
        new(owner, OperatingSystem.IsLinux()
            && owner.StartsWith(UnixPrefix, StringComparison.Ordinal)
            && uint.TryParse(owner.AsSpan(UnixPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                ? UnixAccounts.NameOf(uid)
                : null);
}
