using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// Switches the calling thread's filesystem identity (fsuid, fsgid, supplementary groups), and nothing else: the
/// kernel then checks every path lookup, open, create, rename and unlink the thread makes as that user, with its
/// ACLs and groups, while the rest of the process stays root. Changing fsuid away from 0 also drops the thread's
/// filesystem capabilities (CAP_DAC_OVERRIDE, CAP_FOWNER, ...); changing it back restores them. All three calls are
/// per thread only through the raw system calls: glibc's setgroups changes every thread of the process.
/// </summary>
public static unsafe class UnixThreadIdentity
{
    // NGROUPS_MAX on Linux.
    private const int MaxGroups = 65536;

    // An invalid id: setfsuid/setfsgid change nothing and return the current value.
    private const uint Query = uint.MaxValue;

    // SYS_setgroups takes 32-bit gids on these; the 32-bit architectures need setgroups32 instead and are not supported.
    private static readonly long? s_setGroupsCall = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 116,
        Architecture.Arm64 => 159,
        _ => null,
    };

    /// <summary>True on Linux on x64 and Arm64, where the switch is implemented.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && s_setGroupsCall is not null;

    /// <summary>The calling thread's filesystem identity now.</summary>
    public static UnixCredentials Current()
    {
        var uid = (uint)LibC.SetFileSystemUserId(Query);
        var gid = (uint)LibC.SetFileSystemGroupId(Query);
        return new UnixCredentials(uid, gid, CurrentGroups());
    }

    /// <summary>
    /// Makes the calling thread act on files as <paramref name="target"/>: groups first, then gid, then uid (the
    /// group changes need the capabilities that a non-zero fsuid drops). Returns 0, the errno of the call that failed,
    /// or -1 when the kernel accepted the calls but the thread does not read back as <paramref name="target"/>. On
    /// any failure the caller must <see cref="TryRestore"/> before the thread does anything else.
    /// </summary>
    public static int Assume(UnixCredentials target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsSupported)
        {
            return UnixErrno.NotImplemented;
        }

        var error = SetGroups(target.Groups);
        if (error != 0)
        {
            return error;
        }

        // Both return the previous id, never an error: success is read back below.
        _ = LibC.SetFileSystemGroupId(target.GroupId);
        _ = LibC.SetFileSystemUserId(target.UserId);
        return Is(target) ? 0 : -1;
    }

    /// <summary>
    /// Puts back <paramref name="original"/> (from <see cref="Current"/> before <see cref="Assume"/>) in the reverse
    /// order and reads it back; false when the thread is not exactly <paramref name="original"/> again, and then it
    /// must never run anything else.
    /// </summary>
    public static bool TryRestore(UnixCredentials original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _ = LibC.SetFileSystemUserId(original.UserId);
        _ = LibC.SetFileSystemGroupId(original.GroupId);
        return SetGroups(original.Groups) == 0 && Is(original);
    }

    private static bool Is(UnixCredentials expected)
    {
        if ((uint)LibC.SetFileSystemUserId(Query) != expected.UserId
            || (uint)LibC.SetFileSystemGroupId(Query) != expected.GroupId)
        {
            return false;
        }

        var groups = CurrentGroups();
        return groups.Length == expected.Groups.Count && groups.Order().SequenceEqual(expected.Groups.Order());
    }

    private static int SetGroups(IReadOnlyList<uint> groups)
    {
        var list = groups.ToArray();
        fixed (uint* start = list)
        {
            return LibC.Syscall(s_setGroupsCall!.Value, list.Length, (long)start) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    private static uint[] CurrentGroups()
    {
        var count = LibC.GetGroups(0, null);
        var groups = new uint[Math.Clamp(count, 0, MaxGroups)];
        fixed (uint* start = groups)
        {
            var read = LibC.GetGroups(groups.Length, start);
            return read < 0 ? [] : groups[..read];
        }
    }
}
