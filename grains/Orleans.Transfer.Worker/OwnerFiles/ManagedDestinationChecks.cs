namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// <see cref="IOwnerFileSystem.CheckDestinationsAsync"/> with .NET's own file APIs, for Windows, where the service acts
/// as itself: each distinct directory looked at and probed once, with a file that deletes itself on close.
/// </summary>
internal static class ManagedDestinationChecks
{
    /// <summary>The first of <paramref name="paths"/> (full paths that name a file) the service cannot use, or null.</summary>
    public static DestinationRefusal? Check(IReadOnlyList<string> paths) =>
        DestinationChecks.FirstRefused(paths, Directory.Exists, RefuseDirectory, StringComparer.OrdinalIgnoreCase);

    private static TransferErrorCode? RefuseDirectory(string directory) =>
        !Directory.Exists(directory) ? TransferErrorCode.DestinationNotFound
        : !CanWrite(directory) ? TransferErrorCode.DestinationNotWritable
        : null;

    private static bool CanWrite(string directory)
    {
        try
        {
            var probe = Path.Combine(directory, $".xfer-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
