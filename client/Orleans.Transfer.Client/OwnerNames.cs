using System.Globalization;
using System.Security.Principal;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Client;

/// <summary>Owner ids as people read them: the account name, with the id that is the owner.</summary>
public static class OwnerNames
{
    private const string UnixPrefix = "unix:";

    /// <summary>
    /// <c>alice (unix:1001)</c> for a uid or Windows SID this machine knows; the id alone when it has no account here;
    /// any other owner (a name recorded before owners were ids, a trusted service's name) as it is.
    /// </summary>
    /// <param name="owner">The owner id from a job or listing.</param>
    public static string Describe(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return NameOf(owner) is { } name ? $"{name} ({owner})" : owner;
    }

    /// <summary>The account name behind <c>unix:&lt;uid&gt;</c> (on Unix) or a SID (on Windows), or null.</summary>
    /// <param name="owner">The owner id.</param>
    public static string? NameOf(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            return !OperatingSystem.IsWindows()
                && uint.TryParse(owner.AsSpan(UnixPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                ? UnixAccounts.NameOf(uid)
                : null;
        }

        if (OperatingSystem.IsWindows() && owner.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new SecurityIdentifier(owner).Translate(typeof(NTAccount)).Value;
            }
            catch (Exception ex) when (ex is ArgumentException or SystemException)
            {
                // An unknown or malformed SID, or no domain controller to ask: the id alone will do.
                return null;
            }
        }

        return null;
    }
}
