using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>
/// The dashboard's routes (docs/contracts.md, "Dashboard"): the login exchange, the page and its assets, and the JSON
/// and event-stream API under <c>/api</c>, which needs the session cookie (and on POST the anti-forgery token).
/// </summary>
internal static class DashboardRoutes
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/login", Login);
        app.MapGet("/", (HttpContext http, DashboardSessions sessions) =>
            sessions.Find(http.Request.Cookies[DashboardContext.CookieName(http.Request)]) is null
                ? StaticAssets.Serve("login.html", StatusCodes.Status401Unauthorized)
                : StaticAssets.Serve("index.html"));
        app.MapGet("/assets/{name}", (string name) => StaticAssets.Serve(name));

        var api = app.MapGroup("/api");
        api.AddEndpointFilter<LocalApiErrorFilter>().AddEndpointFilter<SessionFilter>();
        api.MapPost("/logout", (HttpContext http, DashboardSessions sessions) =>
        {
            sessions.End(http.Request.Cookies[DashboardContext.CookieName(http.Request)]);
            http.Response.Cookies.Delete(DashboardContext.CookieName(http.Request));
            return Results.NoContent();
        });
        JobApi.Map(api);
        PolicyApi.Map(api);
        app.MapFallback(() => Results.NotFound());
    }

    /// <summary>
    /// <c>GET /login?token=…</c>: a token from <c>xfer dashboard</c>, once, becomes an HttpOnly, SameSite=Strict
    /// session cookie and the page; its script takes the token out of the address bar. No redirect: a browser treats a
    /// redirect in a chain another site started as cross-site and would hold back the Strict cookie.
    /// </summary>
    private static IResult Login(HttpContext http, DashboardSessions sessions, DashboardAudit audit)
    {
        if (sessions.Redeem(http.Request.Query["token"]) is not var (sessionId, session))
        {
            audit.LoginRefused();
            return StaticAssets.Serve("login.html", StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(DashboardContext.CookieName(http.Request), sessionId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = session.ExpiresAt,
        });
        return StaticAssets.Serve("index.html");
    }
}
