using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.Dashboard.Web;

/// <summary>
/// Every API route needs the session cookie; every POST also the session's anti-forgery token in
/// <see cref="DashboardContext.AntiForgeryHeader"/>, which a page of another site can neither read nor set without a
/// CORS preflight that is never granted.
/// </summary>
internal sealed class SessionFilter(DashboardSessions sessions) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (sessions.Find(http.Request.Cookies[DashboardContext.CookieName(http.Request)]) is not { } session)
        {
            return ValueTask.FromResult<object?>(ApiResults.Error(new ApiError(
                TransferErrorCode.NotAuthenticated,
                "No dashboard session, or it expired; run 'xfer dashboard' for a login link.",
                "cookie")));
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !Matches(http.Request.Headers[DashboardContext.AntiForgeryHeader], session.AntiForgeryToken))
        {
            return ValueTask.FromResult<object?>(ApiResults.Error(new ApiError(
                TransferErrorCode.AccessDenied,
                $"The {DashboardContext.AntiForgeryHeader} anti-forgery header is missing or wrong; reload the dashboard page.",
                DashboardContext.AntiForgeryHeader)));
        }

        http.SetSession(session);
        return next(context);
    }

    private static bool Matches(string? sent, string expected) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
}
