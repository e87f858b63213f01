namespace Orleans.Transfer.Notifications;

/// <summary>Webhook URLs as they may appear in logs and delivery details.</summary>
internal static class SafeUrl
{
    /// <summary>
    /// Scheme, host, port and path only: user info is dropped and a query becomes "?…", since either may carry a
    /// token. Other schemes (whose query Uri may fold into the path) show only the scheme; text that is not an
    /// absolute URL shows as "(invalid URL)".
    /// </summary>
    public static string ForDisplay(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(invalid URL)";
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            return uri.Scheme + ":…";
        }

        var query = uri.Query.Length > 0 ? "?…" : string.Empty;
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + query;
    }
}
