using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Dashboard.Web;

/// <summary>The session <see cref="SessionFilter"/> found, kept with the request, and the cookie that carries it.</summary>
internal static class DashboardContext
{
    private static readonly object s_key = new();

    /// <summary>
    /// The session cookie's name. Cookies ignore ports, so two silos' dashboards on one machine (tests, a second
    /// XFER_HOME) would overwrite each other's under one name.
    /// </summary>
    public static string CookieName(HttpRequest request) => $"xfer-dashboard-{request.Host.Port ?? 0}";

    /// <summary>The header every POST carries the session's anti-forgery token in.</summary>
    public const string AntiForgeryHeader = "X-Xfer-Csrf";

    public static void SetSession(this HttpContext http, DashboardSession session) => http.Items[s_key] = session;

    public static DashboardSession Session(this HttpContext http) =>
        http.Items[s_key] as DashboardSession
        ?? throw new InvalidOperationException("A dashboard endpoint ran without its session filter.");

    public static CallerInfo DashboardCaller(this HttpContext http) => http.Session().Caller;
}
