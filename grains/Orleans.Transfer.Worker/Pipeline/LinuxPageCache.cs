using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Drop-behind for downloads: once a checkpoint's fsync made bytes durable, their pages are of no further use to the
/// download, and dropping them lets the next writes reuse warm pages instead of filling fresh page cache (on this
/// class of VM, memory handed back to the host costs up to ~1 s of system time per GiB to touch again; docs/benchmarks.md).
/// </summary>
internal static partial class LinuxPageCache
{
    private const int PosixFadvDontNeed = 4;

    /// <summary>Asks the kernel to drop the clean pages of the file's first <paramref name="length"/> bytes; Linux only, advisory.</summary>
    public static void DropClean(SafeFileHandle handle, long length)
    {
        if (OperatingSystem.IsLinux() && length > 0)
        {
            // Advice only: a refusal changes nothing but the page cache, so its result is not checked.
            _ = PosixFadvise(handle, 0, length, PosixFadvDontNeed);
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle handle, long offset, long length, int advice);
}
