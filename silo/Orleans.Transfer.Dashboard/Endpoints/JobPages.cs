using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.LocalApi.Access;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>
/// A page of the job list from the query string (<c>state</c>, <c>priority</c>, <c>name</c>, <c>owner</c>, <c>all</c>,
/// <c>final</c>, <c>size</c>, <c>page</c>), scoped by <see cref="JobAccessPolicy.ScopeListing"/>. The catalog holds
/// progress as last checkpointed; jobs moving bytes get their live progress from the job itself.
/// </summary>
internal static class JobPages
{
    public const int DefaultPageSize = 25;

    public static async Task<JobListPage> ReadAsync(HttpContext http, IGrainFactory grains)
    {
        var query = JobAccessPolicy.ScopeListing(http.DashboardCaller(), Query(http.Request.Query));
        var page = await grains.GetGrain<IJobCatalogGrain>(0).ListPageAsync(query).WaitAsync(http.RequestAborted);
        var live = await Task.WhenAll(page.Jobs.Select(job => LiveAsync(grains, job))).WaitAsync(http.RequestAborted);
        return page with { Jobs = live };
    }

    private static async Task<JobSummary> LiveAsync(IGrainFactory grains, JobSummary job)
    {
        if (job.State is not (JobState.Connecting or JobState.Transferring or JobState.Queued or JobState.TransientError))
        {
            return job;
        }

        var info = await grains.GetGrain<ITransferJobGrain>(job.Id).GetInfoAsync();
        return job with { State = info.State, Progress = info.Progress, Priority = info.Priority };
    }

    private static JobListQuery Query(IQueryCollection query)
    {
        IReadOnlyList<JobState>? states = null;
        if (query["state"].ToString() is { Length: > 0 } stateText)
        {
            states = [.. stateText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ParseEnum<JobState>(s, "state"))];
        }

        var size = query["size"].ToString() is { Length: > 0 } sizeText
            ? int.TryParse(sizeText, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= JobLimits.MaxListPageSize
                ? n
                : throw new TransferJobException(TransferErrorCode.InvalidArgument, $"size must be 1 to {JobLimits.MaxListPageSize}.", "size")
            : DefaultPageSize;

        return new JobListQuery(
            Owner: NullIfEmpty(query["owner"]),
            IncludeFinal: Flag(query["final"]),
            States: states,
            Priority: query["priority"].ToString() is { Length: > 0 } p ? ParseEnum<JobPriority>(p, "priority") : null,
            NamePrefix: NullIfEmpty(query["name"]),
            PageSize: size,
            ContinuationToken: NullIfEmpty(query["page"]),
            AllOwners: Flag(query["all"]));
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 } text ? text : null;

    private static bool Flag(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is "1" or "true";

    private static T ParseEnum<T>(string text, string field)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new TransferJobException(TransferErrorCode.InvalidArgument,
                $"'{text}' is not a {field}; use one of {string.Join(", ", Enum.GetNames<T>())}.", field);
}
