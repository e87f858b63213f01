namespace Orleans.Transfer.Worker;

/// <summary>URLs as they may appear in logs and messages.</summary>
internal static class SafeUrl
{
    /// <summary>
    /// The URL without user info, and with the query replaced by "?…" because it often carries tokens (signed URLs).
    /// </summary>
    public static string ForDisplay(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.IsFile)
        {
            return uri.IsAbsoluteUri ? uri.LocalPath : uri.OriginalString;
        }

        var query = uri.Query.Length > 0 ? "?…" : string.Empty;
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + query;
    }
}
