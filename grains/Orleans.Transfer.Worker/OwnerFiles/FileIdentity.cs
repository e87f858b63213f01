namespace Orleans.Transfer.Worker;

/// <summary>Which file a temporary file is, recorded with each checkpoint so that a resume writes on the same one.</summary>
/// <param name="Device">The device the file lives on.</param>
/// <param name="Inode">The file's inode number on that device.</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode);
