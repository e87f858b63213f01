using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>The libc calls the service and its clients need on Linux; .NET has no managed form of them.</summary>
internal static unsafe partial class LibC
{
    public const int ERANGE = 34;
    public const int ENOENT = 2;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint EffectiveUserId();

    /// <summary>getpwuid_r(3): returns 0 and a null <paramref name="result"/> when no such user exists, ERANGE when the buffer is too small.</summary>
    [LibraryImport(Library, EntryPoint = "getpwuid_r")]
    public static partial int GetPasswordEntry(uint uid, out PasswdEntry entry, byte* buffer, nuint length, out nint result);

    /// <summary>getgrnam_r(3): returns 0 and a null <paramref name="result"/> when no such group exists, ERANGE when the buffer is too small.</summary>
    [LibraryImport(Library, EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGroupEntry(string name, out GroupEntry entry, byte* buffer, nuint length, out nint result);

    /// <summary>getgrouplist(3): -1 when <paramref name="count"/> is too small (glibc then sets it to the number needed).</summary>
    [LibraryImport(Library, EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGroupList(string user, uint group, uint* groups, ref int count);

    /// <summary>statx(2), whose buffer layout, unlike struct stat's, is the same on every Linux architecture.</summary>
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "getegid")]
    public static partial uint EffectiveGroupId();

    /// <summary>getpwnam_r(3): as <see cref="GetPasswordEntry"/>, by login name.</summary>
    [LibraryImport(Library, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetPasswordEntryByName(string name, out PasswdEntry entry, byte* buffer, nuint length, out nint result);

    /// <summary>openat(2); <paramref name="mode"/> is read only with O_CREAT.</summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directory, string path, int flags, uint mode);

    /// <summary>renameat2(2) (glibc 2.28 and later).</summary>
    [LibraryImport(Library, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RenameAt(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LinkAt(int oldDirectory, string oldPath, int newDirectory, string newPath, int flags);

    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(int directory, string path, int flags);

    [LibraryImport(Library, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int ChangeMode(int descriptor, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    /// <summary>fcntl(2) with a pointer argument (F_OFD_SETLK and the like); 64-bit Linux passes it as a fixed argument.</summary>
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FileControl(int descriptor, int command, void* argument);

    /// <summary>
    /// setfsuid(2): glibc calls the kernel directly, so unlike setuid it changes only the calling thread. Returns the
    /// previous fsuid; an invalid id (uint.MaxValue) changes nothing and so reads the current one.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "setfsuid")]
    public static partial int SetFileSystemUserId(uint uid);

    /// <summary>setfsgid(2): per thread, like <see cref="SetFileSystemUserId"/>.</summary>
    [LibraryImport(Library, EntryPoint = "setfsgid")]
    public static partial int SetFileSystemGroupId(uint gid);

    /// <summary>getgroups(2): the calling thread's supplementary groups.</summary>
    [LibraryImport(Library, EntryPoint = "getgroups", SetLastError = true)]
    public static partial int GetGroups(int size, uint* list);

    /// <summary>
    /// syscall(2) with two arguments. Used for setgroups, whose glibc wrapper changes every thread of the process
    /// (POSIX semantics) while the raw system call changes only the caller.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long first, long second);
}
