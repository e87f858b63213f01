namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Turns a source and destination pair into a file spec: the destination made absolute against the current directory
/// (the service does not know it). The service validates both and is authoritative.
/// </summary>
internal static class FileArguments
{
    /// <summary>Makes the destination absolute, relative to the current directory.</summary>
    /// <param name="remoteUrl">An absolute URL (http, https, file, smb), a <c>\\server\share</c> path, or an absolute local path.</param>
    /// <param name="destination">Destination file; an existing directory means "the source's file name in it".</param>
    /// <param name="ranges">Optional byte ranges.</param>
    public static FileSpec ToFileSpec(string remoteUrl, string destination, IReadOnlyList<ByteRange>? ranges = null)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw new UsageException("<dest>: the destination path is empty.");
        }

        var localPath = Path.GetFullPath(destination);
        if (Directory.Exists(localPath) || EndsInSeparator(destination))
        {
            var fileName = SourceName(remoteUrl);
            if (string.IsNullOrEmpty(fileName))
            {
                throw new UsageException($"<dest>: '{destination}' is a directory and '{remoteUrl}' names no file; give a file name.");
            }

            localPath = Path.Combine(localPath, fileName);
        }

        return new FileSpec(remoteUrl, localPath, ranges is { Count: > 0 } ? ranges : null);
    }

    /// <summary>
    /// The file name a source names, to save it into a directory: the last segment of a path, a UNC path (taken as it
    /// is on every platform) or a URL's path (percent-decoded). Which schemes exist is the service's to say (its transport
    /// registry), so an unknown scheme passes here and is refused there with its code.
    /// </summary>
    internal static string SourceName(string remoteUrl)
    {
        if (SmbNames.IsUncPath(remoteUrl))
        {
            var unc = remoteUrl.TrimEnd('\\');
            return unc[(unc.LastIndexOf('\\') + 1)..];
        }

        if (Path.IsPathFullyQualified(remoteUrl))
        {
            return Path.GetFileName(remoteUrl.TrimEnd('/', '\\'));
        }

        return Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri)
            ? Uri.UnescapeDataString(Path.GetFileName(uri.AbsolutePath.TrimEnd('/')))
            : "";
    }

    private static bool EndsInSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
}
