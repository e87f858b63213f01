using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Dashboard.Web;

/// <summary>
/// Runs before every route: the Host check (DNS rebinding), the Origin check on anything but GET and HEAD, and the
/// headers that keep the pages out of frames, other sites' scripts and caches. No CORS headers are ever sent, so no
/// other origin may read an answer.
/// </summary>
internal sealed partial class DashboardGuard(RequestDelegate next, HostAllowList hosts, ILogger<DashboardGuard> logger)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.CacheControl = "no-store";

        if (!hosts.Allows(request.Host))
        {
            LogRefused(logger, request.Method, request.Path, $"Host '{request.Host}' is not allowed");
            return Refuse(http, StatusCodes.Status403Forbidden,
                "This host name is not allowed for the dashboard; open the link 'xfer dashboard' prints (or add the name to Transfer:Dashboard:AllowedHosts).");
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && request.Headers.Origin is [{ } origin] && !HostAllowList.IsSameOrigin(request, origin))
        {
            LogRefused(logger, request.Method, request.Path, $"Origin '{origin}' is another site");
            return Refuse(http, StatusCodes.Status403Forbidden, "Requests from other sites are refused.");
        }

        return next(http);
    }

    private static Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message, http.RequestAborted);
    }
}
