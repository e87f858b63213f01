using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.LocalApi.Access;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>The bandwidth policy and timetable: everyone may read it, administrators change it (<see cref="JobAccessPolicy.DemandPolicyChange"/>).</summary>
internal static class PolicyApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/policy", async (HttpContext http, IGrainFactory grains) =>
            ApiResults.Json(await grains.GetGrain<IBandwidthPolicyGrain>(0).GetAsync().WaitAsync(http.RequestAborted)));
        api.MapPost("/policy", async (HttpContext http, IGrainFactory grains, DashboardAudit audit) =>
        {
            JobAccessPolicy.DemandPolicyChange(http.DashboardCaller());
            var policy = await RequestBody.ReadAsync<BandwidthPolicySpec>(http, "a BandwidthPolicySpec");
            var applied = await grains.GetGrain<IBandwidthPolicyGrain>(0).SetAsync(policy).WaitAsync(http.RequestAborted);
            audit.PolicyChanged(http.DashboardCaller().Name);
            return ApiResults.Json(applied);
        });
    }
}
