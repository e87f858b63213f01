using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>Users and groups from the system's account databases (files, LDAP, whatever NSS is set up with).</summary>
public static unsafe class UnixAccounts
{
    private const int InitialBufferBytes = 1024;

    // An entry larger than this is not a real account; give up rather than grow without end.
    private const int MaxBufferBytes = 1024 * 1024;

    // NGROUPS_MAX on Linux.
    private const int MaxGroups = 65536;

    /// <summary>The effective uid of this process.</summary>
    public static uint EffectiveUserId() => LibC.EffectiveUserId();

    /// <summary>The account of <paramref name="uid"/>, or null when it has none (or the lookup failed).</summary>
    public static UnixUser? FindUser(uint uid)
    {
        for (var size = InitialBufferBytes; size <= MaxBufferBytes; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* start = buffer)
            {
                var error = LibC.GetPasswordEntry(uid, out var entry, start, (nuint)size, out var result);
                if (error == LibC.ERANGE)
                {
                    continue;
                }

                // The strings point into the buffer: read them while it is pinned.
                return error == 0 && result != 0 && Marshal.PtrToStringUTF8(entry.Name) is { Length: > 0 } name
                    ? new UnixUser(name, entry.GroupId)
                    : null;
            }
        }

        return null;
    }

    /// <summary>The uid of the account named <paramref name="name"/>, or null when there is none.</summary>
    public static uint? FindUserId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var size = InitialBufferBytes; size <= MaxBufferBytes; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* start = buffer)
            {
                var error = LibC.GetPasswordEntryByName(name, out var entry, start, (nuint)size, out var result);
                if (error == LibC.ERANGE)
                {
                    continue;
                }

                return error == 0 && result != 0 ? entry.UserId : null;
            }
        }

        return null;
    }

    /// <summary>The effective gid of this process.</summary>
    public static uint EffectiveGroupId() => LibC.EffectiveGroupId();

    /// <summary>The account name of <paramref name="uid"/>, or null when it has none.</summary>
    public static string? NameOf(uint uid) => FindUser(uid)?.Name;

    /// <summary>The id of the group named <paramref name="name"/>, or null when there is none.</summary>
    public static uint? FindGroupId(string name)
    {
        for (var size = InitialBufferBytes; size <= MaxBufferBytes; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* start = buffer)
            {
                var error = LibC.GetGroupEntry(name, out var entry, start, (nuint)size, out var result);
                if (error == LibC.ERANGE)
                {
                    continue;
                }

                return error == 0 && result != 0 ? entry.GroupId : null;
            }
        }

        return null;
    }

    /// <summary>Every group <paramref name="userName"/> belongs to: its primary group and its supplementary groups.</summary>
    public static IReadOnlyList<uint> GroupsOf(string userName, uint primaryGroupId)
    {
        var capacity = 64;
        while (true)
        {
            var groups = new uint[capacity];
            var count = capacity;
            fixed (uint* start = groups)
            {
                if (LibC.GetGroupList(userName, primaryGroupId, start, ref count) >= 0)
                {
                    return groups[..count];
                }
            }

            if (capacity >= MaxGroups)
            {
                return [primaryGroupId];
            }

            // glibc says how many it needs; other libcs may not, so at least double.
            capacity = Math.Min(MaxGroups, Math.Max(count, capacity * 2));
        }
    }
}
