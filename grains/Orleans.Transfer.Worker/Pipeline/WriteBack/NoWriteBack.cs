using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>Where the platform has no call to start write-back without waiting (Windows, macOS): the checkpoints' flushes do it all.</summary>
internal sealed class NoWriteBack : IWriteBack
{
    public void Start(SafeFileHandle handle, long offset, long length)
    {
    }
}
