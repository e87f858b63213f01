using System.Collections.Concurrent;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Answers kept for a lifetime (<see cref="OwnerFileAccessOptions.IdentityCacheTime"/>): each owner's resolved identity
/// (a job of many small files makes several file operations per file, and each would otherwise read the password and
/// group databases), and the directories an identity was found able to create files in. Bounded to
/// <see cref="MaxEntries"/> (full: expired entries leave first, and only when none has expired does it start again
/// empty), so no caller can grow it without end and busy entries stay; a failed lookup is never kept. A zero lifetime
/// keeps nothing.
/// </summary>
internal sealed class ExpiringCache<TKey, TValue>(TimeSpan lifetime, TimeProvider timeProvider, IEqualityComparer<TKey>? keys = null)
    where TKey : notnull
{
    /// <summary>At most this many entries are kept at once.</summary>
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> _entries = new(keys);

    public int Count => _entries.Count;

    public TValue Get(TKey key, Func<TKey, TValue> resolve)
    {
        if (TryGet(key, out var kept))
        {
            return kept;
        }

        var value = resolve(key);
        Set(key, value);
        return value;
    }

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && timeProvider.GetUtcNow() < entry.Until)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            MakeRoom(now);
        }

        _entries[key] = (value, now + lifetime);
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

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }
}
