using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Maps a job's owner to the Unix identity its files are touched with: <c>unix:&lt;uid&gt;</c> is that uid with its
/// account's primary and supplementary groups (a uid without an account: its own number as gid, no groups); a bare
/// local user name (jobs from before owners were ids) is that user; anything else is a trusted service's name for its
/// caller and gets <see cref="OwnerFileAccessOptions.TrustedServiceAccount"/>. Kept for
/// <see cref="OwnerFileAccessOptions.IdentityCacheTime"/> (<see cref="ExpiringCache{TKey, TValue}"/>), so a change of an
/// account's groups applies to file operations that start after that time.
/// </summary>
internal sealed class OwnerAccounts(IOptions<OwnerFileAccessOptions> options, TimeProvider timeProvider)
{
    private const string UnixPrefix = "unix:";

    private readonly ExpiringCache<string, UnixCredentials> _cache = new(options.Value.IdentityCacheTime, timeProvider, StringComparer.Ordinal);

    public UnixCredentials Resolve(string? owner) => _cache.Get(owner ?? "", ResolveNow);

    /// <summary>The service's own identity: its effective uid and gid and the groups of the calling (ordinary) thread.</summary>
    public static UnixCredentials Service() =>
        new(UnixAccounts.EffectiveUserId(), UnixAccounts.EffectiveGroupId(), UnixThreadIdentity.Current().Groups);

    private UnixCredentials ResolveNow(string owner)
    {
        if (owner.StartsWith(UnixPrefix, StringComparison.Ordinal)
            && uint.TryParse(owner.AsSpan(UnixPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return ForUser(uid);
        }

        if (owner.Length > 0 && !owner.Contains(':', StringComparison.Ordinal) && UnixAccounts.FindUserId(owner) is { } named)
        {
            return ForUser(named);
        }

        return TrustedService();
    }

    private UnixCredentials TrustedService()
    {
        if (options.Value.TrustedServiceAccount is not { } account)
        {
            return Service();
        }

        // Checked at start; an account removed since then must not fall back to the service's own rights.
        return UnixAccounts.FindUserId(account) is { } uid
            ? ForUser(uid)
            : throw new OwnerFileException(
                TransferErrorCode.AccessDenied,
                $"The account '{account}' of {OwnerFileAccessOptions.SectionName}:{nameof(OwnerFileAccessOptions.TrustedServiceAccount)} no longer exists; the service touches no file for trusted services until it does.");
    }

    private static UnixCredentials ForUser(uint uid) =>
        UnixAccounts.FindUser(uid) is { } user
            ? new UnixCredentials(uid, user.PrimaryGroupId, UnixAccounts.GroupsOf(user.Name, user.PrimaryGroupId))
            : new UnixCredentials(uid, uid, []);
}
