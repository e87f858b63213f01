using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.LocalApi.Hosting;

public static class LocalApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every route of <see cref="LocalApiRoutes"/>. Each establishes the caller first; every failure answers an
    /// <see cref="ApiError"/>, and so does a path that is no route.
    /// </summary>
    public static RouteGroupBuilder MapTransferLocalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(string.Empty);
        api.AddEndpointFilter<LocalApiErrorFilter>().AddEndpointFilter<CallerFilter>();
        ServiceEndpoints.Map(api);
        JobEndpoints.Map(api);
        endpoints.MapFallback("{*path}", (HttpContext http) => ApiResults.Error(new ApiError(
            TransferErrorCode.NotFound,
            $"{http.Request.Method} {http.Request.Path} is not a local API route; see docs/contracts.md.",
            "path")));
        return api;
    }
}
