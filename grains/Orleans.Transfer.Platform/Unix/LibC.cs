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
}
