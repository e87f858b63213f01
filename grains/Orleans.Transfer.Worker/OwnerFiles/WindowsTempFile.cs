using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A temporary file opened by path (Windows); checked by path, as Windows has no inode to compare.</summary>
internal sealed class WindowsTempFile(string path, SafeFileHandle file, bool resumed) : ITempFile
{
    public SafeFileHandle Handle => file;

    public FileIdentity? Identity => null;

    public bool Resumed => resumed;

    public string? CheckIntact(long position)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return "the temp file was deleted";
        }

        return info.Length == position ? null : $"the temp file was changed ({info.Length} bytes on disk, {position} written)";
    }

    // While this writer has the file open (FileShare.Read), nobody can replace it at its name.
    public bool NameHasAnotherFile() => false;

    public void Dispose() => file.Dispose();
}
