namespace Orleans.Transfer;

/// <summary>
/// How a remote name says it is on an SMB share, for callers that decide before the service parses it (the CLI) and
/// for the service itself: an <c>smb://</c> URL, or a UNC path, which names the same file.
/// </summary>
public static class SmbNames
{
    /// <summary>True for an <c>smb://</c> URL or a UNC path.</summary>
    public static bool IsSmb(string? remote) =>
        remote is not null && (remote.StartsWith("smb://", StringComparison.OrdinalIgnoreCase) || IsUncPath(remote));

    /// <summary>True for a <c>\\server\share</c> path (not a device path, <c>\\?\</c> or <c>\\.\</c>).</summary>
    public static bool IsUncPath(string? remote) =>
        remote is not null
        && remote.StartsWith(@"\\", StringComparison.Ordinal)
        && !remote.StartsWith(@"\\?\", StringComparison.Ordinal)
        && !remote.StartsWith(@"\\.\", StringComparison.Ordinal);
}
