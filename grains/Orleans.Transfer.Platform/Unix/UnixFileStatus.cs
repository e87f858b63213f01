namespace Orleans.Transfer.Platform.Unix;

/// <summary>What statx(2) says about a file.</summary>
/// <param name="Type">The file's type.</param>
/// <param name="Permissions">The permission bits (07777).</param>
/// <param name="UserId">The owning uid.</param>
/// <param name="GroupId">The owning gid.</param>
/// <param name="LinkCount">How many names (hard links) the file has.</param>
/// <param name="Device">The device the file lives on (major in the high 32 bits, minor in the low).</param>
/// <param name="Inode">The file's inode number on that device.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">The last modification time.</param>
public readonly record struct UnixFileStatus(
    UnixFileType Type,
    uint Permissions,
    uint UserId,
    uint GroupId,
    uint LinkCount,
    ulong Device,
    ulong Inode,
    long Size,
    DateTimeOffset LastModified)
{
    /// <summary>True when <paramref name="other"/> is the same file: same device and inode.</summary>
    public bool IsSameFile(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;
}
