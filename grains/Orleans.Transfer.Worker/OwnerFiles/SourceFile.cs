using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A regular file opened for reading with its owner's rights, and what it was when opened.</summary>
internal sealed record SourceFile(SafeFileHandle Handle, long Size, DateTimeOffset LastModified) : IDisposable
{
    public void Dispose() => Handle.Dispose();
}
