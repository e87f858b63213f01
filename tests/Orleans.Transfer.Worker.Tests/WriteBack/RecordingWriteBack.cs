using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker.Tests.WriteBack;

/// <summary>Records the ranges a sink asked to start writing back.</summary>
internal sealed class RecordingWriteBack : IWriteBack
{
    public List<(long Offset, long Length)> Started { get; } = [];

    public void Start(SafeFileHandle handle, long offset, long length) => Started.Add((offset, length));
}
