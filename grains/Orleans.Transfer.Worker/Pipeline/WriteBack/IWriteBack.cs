using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Starts the write-back of bytes just written to a download's temp file without waiting for it, so that the next
/// checkpoint's fsync (and the final one before Transferred) finds them on their way to the disk instead of all of
/// them still dirty. Advice only: durability still comes from the fsync alone, so an implementation that does
/// nothing, or a call the kernel refuses, loses no guarantee, only time (docs/benchmarks.md, "download: 1 GiB").
/// </summary>
internal interface IWriteBack
{
    /// <summary>Linux: <see cref="LinuxWriteBack"/>; elsewhere nothing (Windows has no such call; not verified there).</summary>
    static IWriteBack ForThisPlatform { get; } = OperatingSystem.IsLinux() ? new LinuxWriteBack() : new NoWriteBack();

    /// <summary>Asks for the <paramref name="length"/> bytes at <paramref name="offset"/> to start going to the disk; never waits for them.</summary>
    void Start(SafeFileHandle handle, long offset, long length);
}
