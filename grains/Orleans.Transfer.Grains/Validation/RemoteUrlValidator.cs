namespace Orleans.Transfer.Grains.Validation;

/// <summary>Remote names: absolute http, https or file URLs, or absolute local paths (BITS B06).</summary>
internal static class RemoteUrlValidator
{
    public static string Validate(string? remoteUrl, string field)
    {
        if (string.IsNullOrWhiteSpace(remoteUrl))
        {
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} is required: give the URL to download.", field);
        }

        if (remoteUrl.Length > JobLimits.MaxUrlLength)
        {
            throw new TransferJobException(
                TransferErrorCode.UrlTooLong,
                $"{field} is {remoteUrl.Length} characters; the limit is {JobLimits.MaxUrlLength}.",
                field);
        }

        if (Path.IsPathFullyQualified(remoteUrl) && !remoteUrl.Contains("://", StringComparison.Ordinal))
        {
            return new Uri(Path.GetFullPath(remoteUrl)).AbsoluteUri;
        }

        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidUrl,
                $"{field} '{Redact(remoteUrl)}' is not an absolute URL; use http://, https:// or file://.",
                field);
        }

        if (uri.Scheme is not ("http" or "https" or "file"))
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} uses the scheme '{uri.Scheme}', which is not supported; use http, https or file.",
                field);
        }

        if (uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Host))
        {
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} has no host name.", field);
        }

        if (uri.IsFile && !uri.IsLoopback && !string.IsNullOrEmpty(uri.Host))
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} names a file on host '{uri.Host}'; network shares are not supported yet.",
                field);
        }

        return uri.IsFile ? uri.AbsoluteUri : remoteUrl;
    }

    /// <summary>Hides credentials in a URL before it goes into a message or a log.</summary>
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var pathStart = scheme < 0 ? -1 : url.IndexOf('/', scheme + 3);
        return scheme >= 0 && at > scheme && (pathStart < 0 || at < pathStart)
            ? string.Concat(url.AsSpan(0, scheme + 3), "***", url.AsSpan(at))
            : url;
    }
}
