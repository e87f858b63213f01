using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.LocalApi.Access;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>
/// One job's routes (<see cref="LocalApiRoutes.Job"/> and below). Each first reads the job (an unknown id is 404), then
/// checks the caller may use it, then does the operation; the answer hides URL secrets from anyone but the owner
/// (<see cref="JobRedaction"/>).
/// </summary>
internal static class JobEndpoints
{
    public const string JobRoute = LocalApiRoutes.Jobs + "/{jobId:guid}";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(LocalApiRoutes.Jobs, CreateAsync);
        api.MapPost(LocalApiRoutes.JobBatch, CreateBatchAsync);
        api.MapGet(JobRoute, GetAsync);
        api.MapPatch(JobRoute, SetPropertiesAsync);
        api.MapGet(JobRoute + "/files", GetFilesAsync);
        api.MapPost(JobRoute + "/files", AddFilesAsync);
        api.MapPut(JobRoute + "/notifications", SetNotificationsAsync);
        api.MapGet(JobRoute + "/events", (Guid jobId, HttpContext http, JobEventStream stream) => stream.RunAsync(http, jobId));
        api.MapGet(JobRoute + "/history", GetHistoryAsync);
        MapAction(api, "resume", job => job.ResumeAsync());
        MapAction(api, "suspend", job => job.SuspendAsync());
        MapAction(api, "cancel", job => job.CancelAsync());
        MapAction(api, "complete", job => job.CompleteAsync());
        api.MapPost(JobRoute + "/take-ownership", TakeOwnershipAsync);
        JobHttpEndpoints.Map(api);
        JobReplyEndpoints.Map(api);
    }

    /// <summary>The job and how it stands, after checking it exists and the caller may use it.</summary>
    /// <exception cref="TransferJobException">NotFound, or AccessDenied.</exception>
    public static async Task<(ITransferJobGrain Job, JobInfo Info)> OpenAsync(HttpContext http, IGrainFactory grains, Guid jobId)
    {
        var job = grains.GetGrain<ITransferJobGrain>(jobId);
        var info = await job.GetInfoAsync().WaitAsync(http.RequestAborted);
        JobAccessPolicy.DemandJob(http.Caller(), jobId, info.Owner);
        return (job, info);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains)
    {
        var caller = http.Caller();
        var request = await RequestBody.ReadAsync<CreateJobRequest>(http, "a CreateJobRequest");
        RequestBody.RejectNullItems(request.Files, "files");
        RequestBody.RejectNullItems(request.Credentials, "credentials");

        // The owner is who the front door says is calling, whatever the body claims.
        var owned = request with { Owner = caller.Owner, Elevated = caller.IsAdministrator };
        var jobId = Guid.NewGuid();
        var info = await NewJobs.CreateAsync(grains.GetGrain<ITransferJobGrain>(jobId), owned).WaitAsync(http.RequestAborted);
        http.Response.Headers.Location = LocalApiRoutes.Job(jobId);
        return ApiResults.Json(info, StatusCodes.Status201Created);
    }

    /// <summary>As <see cref="CreateAsync"/> for each job: every job's owner is the caller, whatever the body says.</summary>
    private static async Task<IResult> CreateBatchAsync(HttpContext http, IGrainFactory grains)
    {
        var caller = http.Caller();
        var requests = await RequestBody.ReadAsync<IReadOnlyList<CreateJobRequest>>(http, "an array of CreateJobRequest");
        RequestBody.RejectNullItems(requests, "jobs");
        for (var i = 0; i < requests.Count; i++)
        {
            RequestBody.RejectNullItems(requests[i].Files, $"jobs[{i}].files");
            RequestBody.RejectNullItems(requests[i].Credentials, $"jobs[{i}].credentials");
        }

        var jobs = requests.Select(r => new NewJob(Guid.NewGuid(), r with { Owner = caller.Owner, Elevated = caller.IsAdministrator })).ToList();
        var created = await grains.GetGrain<IJobBatchGrain>(0).CreateAsync(jobs).WaitAsync(http.RequestAborted);
        return ApiResults.Json(created, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(Guid jobId, HttpContext http, IGrainFactory grains) =>
        Answer(http, (await OpenAsync(http, grains, jobId)).Info);

    private static async Task<IResult> SetPropertiesAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await OpenAsync(http, grains, jobId);
        var update = await RequestBody.ReadAsync<JobPropertiesUpdate>(http, "a JobPropertiesUpdate");
        return Answer(http, await job.SetPropertiesAsync(update).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> GetFilesAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, info) = await OpenAsync(http, grains, jobId);
        var offset = RequestQuery.Int32(http, "offset", 0);
        var count = RequestQuery.Int32(http, "count", JobLimits.MaxFilesPageSize);
        var page = await job.GetFilesAsync(offset, count).WaitAsync(http.RequestAborted);
        return ApiResults.Json(JobRedaction.ForCaller(http.Caller(), info.Owner, page));
    }

    // The same checks as the job's info (404, then the owner check), then the catalog's copy of its history.
    private static async Task<IResult> GetHistoryAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        await OpenAsync(http, grains, jobId);
        var after = RequestQuery.Int64(http, "after", 0);
        var limit = RequestQuery.Int32(http, "limit", JobLimits.MaxHistoryPageSize);
        var page = await grains.GetGrain<IJobCatalogGrain>(0).GetHistoryAsync(jobId, after, limit).WaitAsync(http.RequestAborted);
        return ApiResults.Json(page);
    }

    private static async Task<IResult> AddFilesAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await OpenAsync(http, grains, jobId);
        var files = await RequestBody.ReadAsync<FileSpec[]>(http, "a list of FileSpec");
        RequestBody.RejectNullItems(files, "files");
        return Answer(http, await job.AddFilesAsync(files).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> SetNotificationsAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await OpenAsync(http, grains, jobId);

        // JSON null removes the job's notifications.
        var settings = await RequestBody.ReadOrNullAsync<NotificationSettings>(http, "NotificationSettings or null");
        return Answer(http, await job.SetNotificationsAsync(settings).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> TakeOwnershipAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var caller = http.Caller();
        var job = grains.GetGrain<ITransferJobGrain>(jobId);
        await job.GetInfoAsync().WaitAsync(http.RequestAborted);
        JobAccessPolicy.DemandTakeOwnership(caller);
        return ApiResults.Json(await job.TakeOwnershipAsync(caller.Owner).WaitAsync(http.RequestAborted));
    }

    private static void MapAction(IEndpointRouteBuilder api, string verb, Func<ITransferJobGrain, Task<JobInfo>> action) =>
        api.MapPost($"{JobRoute}/{verb}", async (Guid jobId, HttpContext http, IGrainFactory grains) =>
        {
            var (job, _) = await OpenAsync(http, grains, jobId);
            return Answer(http, await action(job).WaitAsync(http.RequestAborted));
        });

    /// <summary>The job as the caller may see it (<see cref="JobRedaction"/>).</summary>
    public static IResult Answer(HttpContext http, JobInfo info) => ApiResults.Json(JobRedaction.ForCaller(http.Caller(), info));
}
