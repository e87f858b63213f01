using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.LocalApi.Access;
using Orleans.Transfer.LocalApi.Status;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>The routes that are not about one job: who am I, listing, reset, the bandwidth policy, the network cost, the service's status and stopping it.</summary>
internal static class ServiceEndpoints
{
    // One catalog and one bandwidth policy per service.
    private const long CatalogKey = 0;
    private const long PolicyKey = 0;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(LocalApiRoutes.Caller, (HttpContext http) => ApiResults.Json(http.Caller()));
        api.MapPost(LocalApiRoutes.JobList, ListAsync);
        api.MapPost(LocalApiRoutes.Reset, ResetAsync);
        api.MapGet(LocalApiRoutes.BandwidthPolicy, GetPolicyAsync);
        api.MapPut(LocalApiRoutes.BandwidthPolicy, SetPolicyAsync);
        api.MapGet(LocalApiRoutes.NetworkCost, GetNetworkCostAsync);
        api.MapPost(LocalApiRoutes.ServiceStop, Stop);
        api.MapGet(LocalApiRoutes.ServiceStatus, GetStatusAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var query = await RequestBody.ReadAsync<JobListQuery>(http, "a JobListQuery");
        var scoped = JobAccessPolicy.ScopeListing(http.Caller(), query);
        return ApiResults.Json(await grains.GetGrain<IJobCatalogGrain>(CatalogKey).ListPageAsync(scoped).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> ResetAsync(HttpContext http, JobReset reset)
    {
        var request = await RequestBody.ReadAsync<ResetRequest>(http, "a ResetRequest");
        var owners = JobAccessPolicy.ScopeReset(http.Caller(), request);
        return ApiResults.Json(await reset.ResetAsync(owners, http.RequestAborted));
    }

    private static async Task<IResult> GetPolicyAsync(HttpContext http, IGrainFactory grains) =>
        ApiResults.Json(await grains.GetGrain<IBandwidthPolicyGrain>(PolicyKey).GetAsync().WaitAsync(http.RequestAborted));

    // Like the bandwidth policy, the cost is the service's, not a job's: every authenticated caller may read it.
    private static async Task<IResult> GetNetworkCostAsync(HttpContext http, IGrainFactory grains) =>
        ApiResults.Json(await grains.GetGrain<IBandwidthPolicyGrain>(PolicyKey).GetNetworkCostAsync().WaitAsync(http.RequestAborted));

    private static async Task<IResult> SetPolicyAsync(HttpContext http, IGrainFactory grains)
    {
        JobAccessPolicy.DemandPolicyChange(http.Caller());
        var policy = await RequestBody.ReadAsync<BandwidthPolicySpec>(http, "a BandwidthPolicySpec");
        return ApiResults.Json(await grains.GetGrain<IBandwidthPolicyGrain>(PolicyKey).SetAsync(policy).WaitAsync(http.RequestAborted));
    }

    // Any authenticated caller: the counts are scoped to what the caller may see.
    private static async Task<IResult> GetStatusAsync(HttpContext http, ServiceStatusReader status) =>
        ApiResults.Json(await status.ReadAsync(http.Caller(), http.RequestAborted));

    private static IResult Stop(HttpContext http, ServiceStopper stopper)
    {
        var caller = http.Caller();
        JobAccessPolicy.DemandServiceStop(caller);
        stopper.StopAfterResponse(http, caller);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
