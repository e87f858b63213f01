using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.LocalApi.Access;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>
/// Jobs as the session's user may see them: the same <see cref="JobAccessPolicy"/> checks and
/// <see cref="JobRedaction"/> as the local API and the console, no rules of the dashboard's own.
/// </summary>
internal static class JobApi
{
    private static readonly string[] s_verbs = ["suspend", "resume", "cancel", "complete"];

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/session", (HttpContext http) => ApiResults.Json(new SessionInfo(http.DashboardCaller(), http.Session().AntiForgeryToken)));
        api.MapGet("/jobs", async (HttpContext http, IGrainFactory grains) => ApiResults.Json(await JobPages.ReadAsync(http, grains)));
        api.MapGet("/jobs/stream", (HttpContext http, JobStreams streams) => streams.ListStream(http));
        api.MapGet("/jobs/{jobId:guid}", async (Guid jobId, HttpContext http, IGrainFactory grains) =>
            ApiResults.Json(JobRedaction.ForCaller(http.DashboardCaller(), await OpenAsync(http, grains, jobId))));
        api.MapGet("/jobs/{jobId:guid}/stream", async (Guid jobId, HttpContext http, IGrainFactory grains, JobStreams streams) =>
        {
            await OpenAsync(http, grains, jobId);
            return streams.JobStream(http, jobId);
        });
        api.MapGet("/jobs/{jobId:guid}/history", GetHistoryAsync);
        api.MapGet("/owners/{owner}", (string owner) => ApiResults.Json(OwnerName.Resolve(owner)));
        api.MapPost("/jobs/{jobId:guid}/priority", SetPriorityAsync);
        api.MapPost("/jobs/{jobId:guid}/{verb}", ActAsync);
    }

    /// <summary>The job as it stands, after checking it exists (404) and the caller may use it (403).</summary>
    public static async Task<JobInfo> OpenAsync(HttpContext http, IGrainFactory grains, Guid jobId)
    {
        var info = await grains.GetGrain<ITransferJobGrain>(jobId).GetInfoAsync().WaitAsync(http.RequestAborted);
        JobAccessPolicy.DemandJob(http.DashboardCaller(), jobId, info.Owner);
        return info;
    }

    // The same history as the local API's (docs/job-history.md), after the same checks as the job.
    private static async Task<IResult> GetHistoryAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        await OpenAsync(http, grains, jobId);
        var after = RequestQuery.Int64(http, "after", 0);
        var page = await grains.GetGrain<IJobCatalogGrain>(0).GetHistoryAsync(jobId, after, JobLimits.MaxHistoryPageSize).WaitAsync(http.RequestAborted);
        return ApiResults.Json(page);
    }

    private static async Task<IResult> ActAsync(Guid jobId, string verb, HttpContext http, IGrainFactory grains, DashboardAudit audit)
    {
        if (!s_verbs.Contains(verb, StringComparer.Ordinal))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"'{verb}' is not a job action; use suspend, resume, cancel, complete or priority.", "verb");
        }

        await OpenAsync(http, grains, jobId);
        var job = grains.GetGrain<ITransferJobGrain>(jobId);
        var info = await (verb switch
        {
            "suspend" => job.SuspendAsync(),
            "resume" => job.ResumeAsync(),
            "cancel" => job.CancelAsync(),
            _ => job.CompleteAsync(),
        }).WaitAsync(http.RequestAborted);
        audit.JobAction(http.DashboardCaller().Name, verb, jobId);
        return ApiResults.Json(JobRedaction.ForCaller(http.DashboardCaller(), info));
    }

    private static async Task<IResult> SetPriorityAsync(Guid jobId, HttpContext http, IGrainFactory grains, DashboardAudit audit)
    {
        await OpenAsync(http, grains, jobId);
        var update = await RequestBody.ReadAsync<JobPropertiesUpdate>(http, "a JobPropertiesUpdate with a priority");
        if (update.Priority is not { } priority)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "Give the new priority: Foreground, High, Normal or Low.", "priority");
        }

        var info = await grains.GetGrain<ITransferJobGrain>(jobId).SetPropertiesAsync(new JobPropertiesUpdate(Priority: priority)).WaitAsync(http.RequestAborted);
        audit.JobAction(http.DashboardCaller().Name, "priority " + priority, jobId);
        return ApiResults.Json(JobRedaction.ForCaller(http.DashboardCaller(), info));
    }
}
