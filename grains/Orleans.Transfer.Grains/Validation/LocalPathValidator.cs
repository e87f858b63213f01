namespace Orleans.Transfer.Grains.Validation;

/// <summary>
/// Local names (BITS B06): absolute, no ".." segments, an existing writable directory, not a directory itself. The
/// service writes only into the directory named here, so these checks are its containment boundary.
/// </summary>
internal static class LocalPathValidator
{
    /// <param name="localPath">The destination as given.</param>
    /// <param name="field">The request field it came from, for the error.</param>
    /// <param name="writableDirectories">
    /// Directories of the same request already found to exist and be writable: each is probed once per request, as the
    /// files of one job mostly share one (a job of 1,000 files was 1,000 probe files). Null: probe every time.
    /// </param>
    public static string Validate(string? localPath, string field, ISet<string>? writableDirectories = null)
    {
        if (string.IsNullOrWhiteSpace(localPath))
        {
            throw new TransferJobException(TransferErrorCode.InvalidLocalPath, $"{field} is required: give the destination file's full path.", field);
        }

        if (localPath.Contains('\0', StringComparison.Ordinal))
        {
            throw new TransferJobException(TransferErrorCode.InvalidLocalPath, $"{field} contains a NUL character.", field);
        }

        if (!Path.IsPathFullyQualified(localPath))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidLocalPath,
                $"{field} '{localPath}' is relative; give a full path (the service does not know the caller's working directory).",
                field);
        }

        var segments = localPath.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        if (segments.Any(s => s is ".." or "."))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidLocalPath,
                $"{field} '{localPath}' contains '.' or '..' segments; give the destination's plain full path.",
                field);
        }

        var fullPath = Path.GetFullPath(localPath);
        var fileName = Path.GetFileName(fullPath);
        var directory = Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(fileName) || directory is null)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidLocalPath,
                $"{field} '{localPath}' names a directory; give the destination file's full path including its name.",
                field);
        }

        if (Directory.Exists(fullPath))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidLocalPath,
                $"{field} '{localPath}' is an existing directory; give a file name inside it.",
                field);
        }

        if (writableDirectories?.Contains(directory) == true)
        {
            return fullPath;
        }

        if (!Directory.Exists(directory))
        {
            throw new TransferJobException(
                TransferErrorCode.DestinationNotFound,
                $"{field}: the directory '{directory}' does not exist; create it first.",
                field);
        }

        if (!CanWrite(directory))
        {
            throw new TransferJobException(
                TransferErrorCode.DestinationNotWritable,
                $"{field}: the service cannot write to '{directory}'; grant it write access or choose another directory.",
                field);
        }

        writableDirectories?.Add(directory);
        return fullPath;
    }

    // A probe that deletes itself on close: the only reliable cross-platform write check, and it leaves nothing behind.
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
