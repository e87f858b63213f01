namespace Orleans.Transfer.Platform.Unix;

/// <summary>What kind of file a path names, as <c>S_IFMT</c> says (the values are its bits).</summary>
public enum UnixFileType
{
    /// <summary>A FIFO (named pipe).</summary>
    Fifo = 0x1000,

    /// <summary>A character device.</summary>
    CharacterDevice = 0x2000,

    /// <summary>A directory.</summary>
    Directory = 0x4000,

    /// <summary>A block device.</summary>
    BlockDevice = 0x6000,

    /// <summary>A regular file.</summary>
    Regular = 0x8000,

    /// <summary>A symbolic link (the path itself, never followed).</summary>
    SymbolicLink = 0xA000,

    /// <summary>A Unix domain socket.</summary>
    Socket = 0xC000,
}
