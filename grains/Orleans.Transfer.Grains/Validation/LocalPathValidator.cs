namespace Orleans.Transfer.Grains.Validation;

/// <summary>
/// Local names (BITS B06), the checks that need no file system: absolute, no "." or ".." segments, a file name. The
/// service writes only into the directory named here, so these checks are its containment boundary. Whether the
/// directory exists and the owner may write in it is checked after, with the owner's rights and off the grain
/// (the worker's <c>ILocalPathChecker</c>).
/// </summary>
internal static class LocalPathValidator
{
    /// <param name="localPath">The destination as given.</param>
    /// <param name="field">The request field it came from, for the error.</param>
    public static string Validate(string? localPath, string field)
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

        return fullPath;
    }
}
