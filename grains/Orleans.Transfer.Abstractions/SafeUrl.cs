namespace Orleans.Transfer;

/// <summary>
/// URLs as they may appear in logs and messages: user info is dropped and a query becomes "?…", since either may carry
/// a token (signed URLs, webhook keys).
/// </summary>
public static class SafeUrl
{
    /// <summary>A download source: http(s) without secrets; file URLs as their local path.</summary>
    /// <param name="uri">The source.</param>
    public static string ForDisplay(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.IsFile)
        {
            return uri.IsAbsoluteUri ? uri.LocalPath : uri.OriginalString;
        }

        return WithoutSecrets(uri);
    }

    /// <summary>
    /// A receiver URL as text: http(s) without secrets; other schemes (whose query Uri may fold into the path) show only
    /// the scheme; text that is not an absolute URL shows as "(invalid URL)".
    /// </summary>
    /// <param name="url">The URL as configured.</param>
    public static string ForDisplay(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(invalid URL)";
        }

        return uri.Scheme is "http" or "https" ? WithoutSecrets(uri) : uri.Scheme + ":…";
    }

    private static string WithoutSecrets(Uri uri)
    {
        var query = uri.Query.Length > 0 ? "?…" : string.Empty;
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + query;
    }
}
