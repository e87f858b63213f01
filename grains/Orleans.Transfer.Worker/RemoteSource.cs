namespace Orleans.Transfer.Worker;

/// <summary>Where a file comes from: an http(s) URL, or a local path (file URL or absolute path).</summary>
/// <param name="Uri">The http(s) URL, when remote.</param>
/// <param name="LocalPath">The local path, when the source is a local file.</param>
/// <param name="DisplayName">The source without credentials, for logs and messages.</param>
internal sealed record RemoteSource(Uri? Uri, string? LocalPath, string DisplayName)
{
    /// <summary>
    /// False for loopback hosts and local files, which keep transferring while the machine is offline; true for other
    /// hosts and for UNC paths (network shares).
    /// </summary>
    public bool NeedsNetwork => Uri is { IsLoopback: false } || (LocalPath is { } path && IsUncPath(path));

    public static RemoteSource Parse(string remoteUrl)
    {
        // Checked before Uri parsing, which would take "/x/y" for a file URL on Unix anyway but not "C:\x" everywhere.
        if (Path.IsPathFullyQualified(remoteUrl))
        {
            return new RemoteSource(null, remoteUrl, remoteUrl);
        }

        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.InvalidUrl,
                ErrorContext.RemoteFile,
                "The remote URL is not an absolute http, https or file URL; fix the URL and resume the job.",
                HttpStatus: null,
                IsTransient: false));
        }

        if (uri.IsFile)
        {
            return new RemoteSource(null, uri.LocalPath, uri.LocalPath);
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.UnsupportedScheme,
                ErrorContext.RemoteFile,
                $"The URL scheme '{uri.Scheme}' is not supported; use http, https or file.",
                HttpStatus: null,
                IsTransient: false));
        }

        return new RemoteSource(uri, null, SafeUrl.ForDisplay(uri));
    }

    private static bool IsUncPath(string path) =>
        path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);
}
