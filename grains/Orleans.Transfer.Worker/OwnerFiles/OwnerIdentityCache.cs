using System.Collections.Concurrent;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Each owner's resolved identity, kept for <see cref="OwnerFileAccessOptions.IdentityCacheTime"/>: a job of many
/// small files makes several file operations per file, and each would otherwise read the password and group databases
/// (getpwuid, getgrouplist). Bounded to <see cref="MaxOwners"/> owners (full: expired owners leave first, and only
/// when none has expired does it start again empty), so no caller can grow it without end and busy owners stay; a
/// failed lookup is never kept.
/// </summary>
internal sealed class OwnerIdentityCache(TimeSpan lifetime, TimeProvider timeProvider)
{
    /// <summary>At most this many owners are kept at once.</summary>
    public const int MaxOwners = 1024;

    private readonly ConcurrentDictionary<string, (UnixCredentials Credentials, DateTimeOffset Until)> _entries =
        new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public UnixCredentials Get(string owner, Func<string, UnixCredentials> resolve)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return resolve(owner);
        }

        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(owner, out var entry) && now < entry.Until)
        {
            return entry.Credentials;
        }

        var credentials = resolve(owner);
        if (_entries.Count >= MaxOwners)
        {
            MakeRoom(now);
        }

        _entries[owner] = (credentials, now + lifetime);
        return credentials;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.Until <= now)
            {
                _entries.TryRemove(pair);
            }
        }

        if (_entries.Count >= MaxOwners)
        {
            _entries.Clear();
        }
    }
}
