using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>
/// An UploadReply job's reply in memory (<see cref="LocalApiRoutes.Reply"/>, BITS GetReplyData): as every job route, 404
/// for an unknown job and 403 unless the caller owns it or is an administrator; then the grain's answer, a
/// <see cref="Uploads.JobReply"/> with its data base64 in JSON, or its refusal (InvalidState 409 until the reply is
/// whole or for another job type, TooLarge 400 above the in-memory limit).
/// </summary>
internal static class JobReplyEndpoints
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet(JobEndpoints.JobRoute + "/reply", GetAsync);

    private static async Task<IResult> GetAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        return ApiResults.Json(await job.GetReplyAsync().WaitAsync(http.RequestAborted));
    }
}
