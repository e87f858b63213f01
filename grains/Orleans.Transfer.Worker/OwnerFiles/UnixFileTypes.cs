using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>File types in messages.</summary>
internal static class UnixFileTypes
{
    public static string Describe(UnixFileType type) => type switch
    {
        UnixFileType.Fifo => "a FIFO (named pipe)",
        UnixFileType.CharacterDevice => "a character device",
        UnixFileType.Directory => "a directory",
        UnixFileType.BlockDevice => "a block device",
        UnixFileType.Regular => "a regular file",
        UnixFileType.SymbolicLink => "a symbolic link",
        UnixFileType.Socket => "a socket",
        _ => $"a file of unknown type {(int)type:x}",
    };
}
