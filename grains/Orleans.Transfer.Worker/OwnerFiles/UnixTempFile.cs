using Microsoft.Win32.SafeHandles;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A temporary file opened relative to its directory's descriptor, which it keeps for the intact checks.</summary>
internal sealed class UnixTempFile(SafeFileHandle directory, string name, SafeFileHandle file, UnixFileStatus opened, bool resumed)
    : ITempFile
{
    public SafeFileHandle Handle => file;

    public FileIdentity? Identity { get; } = new FileIdentity(opened.Device, opened.Inode);

    public bool Resumed => resumed;

    /// <summary>
    /// Made with the service's own rights, at every checkpoint: it only reads the metadata of one name in a directory
    /// the owner opened, and of the open file.
    /// </summary>
    public string? CheckIntact(long position)
    {
        var error = UnixFileCalls.StatAt(Descriptor(directory), name, followLinks: false, out var atName);
        if (error != 0)
        {
            return error == UnixErrno.NoEntry
                ? "the temp file was deleted"
                : $"the temp file cannot be examined ({UnixFileCalls.Describe(error)})";
        }

        if (!atName.IsSameFile(opened))
        {
            return $"the temp file was replaced by {(atName.Type == UnixFileType.Regular ? "another file" : UnixFileTypes.Describe(atName.Type))}";
        }

        error = UnixFileCalls.StatDescriptor(Descriptor(file), out var now);
        if (error != 0)
        {
            return $"the temp file cannot be examined ({UnixFileCalls.Describe(error)})";
        }

        return now.Size == position ? null : $"the temp file was changed ({now.Size} bytes on disk, {position} written)";
    }

    public bool NameHasAnotherFile() =>
        UnixFileCalls.StatAt(Descriptor(directory), name, followLinks: false, out var atName) == 0
        && atName.Type == UnixFileType.Regular
        && !atName.IsSameFile(opened);

    public void Dispose()
    {
        file.Dispose();
        directory.Dispose();
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
