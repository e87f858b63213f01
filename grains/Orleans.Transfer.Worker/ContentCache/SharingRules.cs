using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Which downloads may share content between jobs (and owners): only public content fetched without anything of the
/// caller's. A shared proxy that got this wrong leaked private responses between users, so every rule refuses when in
/// doubt.
/// </summary>
internal static class SharingRules
{
    /// <summary>
    /// Why the run of <paramref name="request"/> for <paramref name="url"/> may not use the cache, or null when it may:
    /// a whole-file http(s) download with no credentials (job or URL userinfo), custom headers or client certificate.
    /// </summary>
    public static string? ForbidsSharing(FileTransferRequest request, Uri url)
    {
        if (request.Direction != TransferDirection.Download || request.Ranges.Count > 0)
        {
            return "only whole-file downloads are shared";
        }

        if (url.Scheme is not ("http" or "https"))
        {
            return "only http and https are shared";
        }

        if (url.UserInfo.Length > 0)
        {
            return "the URL carries credentials";
        }

        if (request.Http is { } http)
        {
            if (http.Credentials.Count > 0)
            {
                return "the job has credentials";
            }

            if (http.Headers.Count > 0)
            {
                return "the job sends custom headers";
            }

            if (http.ClientCertificate is not null)
            {
                return "the job has a client certificate";
            }

            if (http.DynamicContent)
            {
                return "the job declares dynamic content";
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="response"/> may not be shared, or null: Cache-Control private, no-store or no-cache,
    /// Set-Cookie, Vary, or an encoded body.
    /// </summary>
    public static string? ForbidsSharing(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        if (cacheControl is { Private: true } || cacheControl is { NoStore: true } || cacheControl is { NoCache: true })
        {
            return "the response is marked Cache-Control private, no-store or no-cache";
        }

        if (response.Headers.Contains("Set-Cookie"))
        {
            return "the response sets a cookie";
        }

        if (response.Headers.Vary.Count > 0 || response.Headers.Contains("Vary"))
        {
            return "the response varies (Vary)";
        }

        if (response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            return "the response is encoded";
        }

        return null;
    }
}
