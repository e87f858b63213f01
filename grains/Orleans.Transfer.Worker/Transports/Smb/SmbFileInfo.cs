namespace Orleans.Transfer.Worker;

/// <summary>What a share says of a file: B64's change detection compares size and last-write time.</summary>
/// <param name="Size">Bytes.</param>
/// <param name="LastWriteTime">Last write, UTC.</param>
/// <param name="IsDirectory">True for a directory, which is never transferred.</param>
internal sealed record SmbFileInfo(long Size, DateTimeOffset LastWriteTime, bool IsDirectory);
