using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// What decides who may create files in a directory, as statx(2) shows it: which directory it is, its owner, group and
/// mode. Not its times, which every file created in it moves.
/// </summary>
internal readonly record struct DirectoryStamp(ulong Device, ulong Inode, uint UserId, uint GroupId, uint Permissions)
{
    public static DirectoryStamp Of(UnixFileStatus status) =>
        new(status.Device, status.Inode, status.UserId, status.GroupId, status.Permissions);
}
