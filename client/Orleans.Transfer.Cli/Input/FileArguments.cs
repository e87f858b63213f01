namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Turns a source and destination pair into a file spec: the destination made absolute against the current directory
/// (the service does not know it). The service validates both and is authoritative.
/// </summary>
internal static class FileArguments
{
    /// <summary>Makes the destination absolute, relative to the current directory.</summary>
    /// <param name="remoteUrl">Absolute http, https or file URL, or an absolute local path.</param>
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
            var fileName = Path.GetFileName(SourcePath(remoteUrl).TrimEnd('/', '\\'));
            if (string.IsNullOrEmpty(fileName))
            {
                throw new UsageException($"<dest>: '{destination}' is a directory and '{remoteUrl}' names no file; give a file name.");
            }

            localPath = Path.Combine(localPath, Uri.UnescapeDataString(fileName));
        }

        return new FileSpec(remoteUrl, localPath, ranges is { Count: > 0 } ? ranges : null);
    }

    /// <summary>
    /// The path part of a source, to name a file saved into a directory. Which schemes exist is the service's to say
    /// (its transport registry), so an unknown scheme passes here and is refused there with its code.
    /// </summary>
    private static string SourcePath(string remoteUrl)
    {
        if (Path.IsPathFullyQualified(remoteUrl))
        {
            return remoteUrl;
        }

        return Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "";
    }

    private static bool EndsInSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
}
