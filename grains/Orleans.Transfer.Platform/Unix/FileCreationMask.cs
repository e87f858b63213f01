using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// The process's file creation mask (umask(2)): every file and directory the process creates afterwards, in any
/// library, loses the bits it names. Not available on Windows, where access comes from the directory's inherited ACL.
/// </summary>
public static partial class FileCreationMask
{
    /// <summary>Group and other get nothing: what the process creates is its account's alone (0700, 0600).</summary>
    public const UnixFileMode OwnerOnly =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Sets the mask for the whole process; returns the one it replaces.</summary>
    /// <param name="mask">The permission bits new files and directories must not get.</param>
    /// <exception cref="PlatformNotSupportedException">On Windows.</exception>
    public static UnixFileMode Set(UnixFileMode mask)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Windows has no umask; files take the ACL their directory passes on.");
        }

        return (UnixFileMode)SetMask((uint)mask);
    }

    // mode_t is 32 bits on every Linux architecture .NET runs on; umask(2) cannot fail.
    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
