namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The order of <see cref="IOwnerFileSystem.CheckDestinationsAsync"/>, whatever answers the questions: for each path in
/// turn, not a directory itself, then its directory (checked once, however many paths share it).
/// </summary>
internal static class DestinationChecks
{
    /// <param name="paths">Full paths that name a file.</param>
    /// <param name="isDirectory">Whether a path is an existing directory (false when that cannot be seen).</param>
    /// <param name="refuseDirectory">Why a file cannot be created in a directory, or null when it can.</param>
    /// <param name="names">How directory names compare on this platform.</param>
    public static DestinationRefusal? FirstRefused(
        IReadOnlyList<string> paths, Func<string, bool> isDirectory, Func<string, TransferErrorCode?> refuseDirectory, IEqualityComparer<string> names)
    {
        var directories = new Dictionary<string, TransferErrorCode?>(names);
        for (var i = 0; i < paths.Count; i++)
        {
            if (isDirectory(paths[i]))
            {
                return new DestinationRefusal(i, TransferErrorCode.InvalidLocalPath);
            }

            var directory = Path.GetDirectoryName(paths[i])!;
            if (!directories.TryGetValue(directory, out var refused))
            {
                refused = refuseDirectory(directory);
                directories.Add(directory, refused);
            }

            if (refused is { } code)
            {
                return new DestinationRefusal(i, code);
            }
        }

        return null;
    }
}
