namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Client-side checks of a source and destination pair. The service validates again and is authoritative; checking
/// here gives a usage error (exit 2) before any job exists.
/// </summary>
internal static class FileArguments
{
    /// <summary>Validates the source and makes the destination absolute, relative to the current directory.</summary>
    /// <param name="remoteUrl">Absolute http, https or file URL, or an absolute local path.</param>
    /// <param name="destination">Destination file; an existing directory means "the source's file name in it".</param>
    /// <param name="ranges">Optional byte ranges.</param>
    public static FileSpec ToFileSpec(string remoteUrl, string destination, IReadOnlyList<ByteRange>? ranges = null)
    {
        var source = ValidateSource(remoteUrl);
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw new UsageException("<dest>: the destination path is empty.");
        }

        var localPath = Path.GetFullPath(destination);
        if (Directory.Exists(localPath) || EndsInSeparator(destination))
        {
            var fileName = Path.GetFileName(source.AbsolutePath.TrimEnd('/', '\\'));
            if (string.IsNullOrEmpty(fileName))
            {
                throw new UsageException($"<dest>: '{destination}' is a directory and '{remoteUrl}' names no file; give a file name.");
            }

            localPath = Path.Combine(localPath, Uri.UnescapeDataString(fileName));
        }

        return new FileSpec(remoteUrl, localPath, ranges is { Count: > 0 } ? ranges : null);
    }

    private static Uri ValidateSource(string remoteUrl)
    {
        if (remoteUrl.Length > JobLimits.MaxUrlLength)
        {
            throw new UsageException($"<url>: the URL is longer than {JobLimits.MaxUrlLength} characters.");
        }

        // An absolute local path is accepted as a source, as the service accepts it.
        if (Path.IsPathFullyQualified(remoteUrl))
        {
            return new Uri(remoteUrl);
        }

        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeFile))
        {
            throw new UsageException($"<url>: '{remoteUrl}' is not an absolute http, https or file URL, nor an absolute path.");
        }

        return uri;
    }

    private static bool EndsInSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
}
