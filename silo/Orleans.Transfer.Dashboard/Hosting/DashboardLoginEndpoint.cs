using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.Dashboard.Hosting;

/// <summary>
/// The local API's <see cref="LocalApiRoutes.DashboardLogin"/>: the caller the local API established from the
/// connection's peer credentials gets a single-use login link to the dashboard, as Jupyter's token URL. Nothing else
/// mints sessions, so the dashboard knows its users exactly as well as the local API does.
/// </summary>
public static partial class DashboardLoginEndpoint
{
    /// <summary>Maps the route into the local API's group (the one <c>MapTransferLocalApi</c> returns, with its caller filter).</summary>
    public static RouteHandlerBuilder MapTransferDashboardLogin(this IEndpointRouteBuilder localApi) =>
        localApi.MapPost(LocalApiRoutes.DashboardLogin, Mint);

    private static IResult Mint(HttpContext http, DashboardHost host, DashboardSessions sessions, ILogger<DashboardHost> logger)
    {
        var caller = http.Caller();
        if (host.BaseUrl is not { } baseUrl)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                "The web dashboard is not listening (disabled, or its port was taken; the service log says which). Set XFER_WEB_PORT to a free port and restart the service.",
                null);
        }

        var (token, expiresAt) = sessions.MintLogin(caller);
        LogMinted(logger, caller.Name, expiresAt);
        return ApiResults.Json(new DashboardLogin($"{baseUrl}/login?token={token}", expiresAt));
    }
}
