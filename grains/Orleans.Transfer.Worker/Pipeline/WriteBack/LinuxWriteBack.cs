using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>: queues the range's dirty pages for write-out and returns without
/// waiting for them (it may block briefly while the device's request queue is full, which paces the writer to the
/// disk the way the checkpoints' fsyncs already do). Without it, the pages wait for the next checkpoint's fsync, which
/// then writes them all at once, or for the kernel's dirty limits, which throttle the writer mid-write.
/// </summary>
internal sealed partial class LinuxWriteBack : IWriteBack
{
    private const uint SyncFileRangeWrite = 2;

    public void Start(SafeFileHandle handle, long offset, long length)
    {
        if (length > 0)
        {
            // Advice only (see IWriteBack): a file system that refuses it leaves the fsync to do all the work.
            _ = SyncFileRange(handle, offset, length, SyncFileRangeWrite);
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = false)]
    private static partial int SyncFileRange(SafeFileHandle handle, long offset, long length, uint flags);
}
