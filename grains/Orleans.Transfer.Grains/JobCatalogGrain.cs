using Orleans.Concurrency;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.History;

namespace Orleans.Transfer.Grains;

/// <summary>Answers listings from the catalog table, on whichever silo the caller reaches.</summary>
[StatelessWorker]
internal sealed class JobCatalogGrain(IJobCatalog catalog, IJobStateCounts counts, IJobHistory history) : Grain, IJobCatalogGrain
{
    public async Task<IReadOnlyList<JobSummary>> ListAsync(JobListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Every page from the query's token on, with its filters: one code path for both calls.
        var jobs = new List<JobSummary>();
        var next = query with { PageSize = JobLimits.MaxListPageSize };
        while (true)
        {
            var page = await catalog.ListPageAsync(next);
            jobs.AddRange(page.Entries.Select(ToSummary));
            if (page.ContinuationToken is not { } token)
            {
                return jobs;
            }

            next = next with { ContinuationToken = token };
        }
    }

    public async Task<JobListPage> ListPageAsync(JobListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await catalog.ListPageAsync(query);
        return new JobListPage([.. page.Entries.Select(ToSummary)], page.ContinuationToken);
    }

    public Task<IReadOnlyList<JobStateCount>> CountByStateAsync(IReadOnlyList<string>? owners) => counts.CountByStateAsync(owners);

    public Task<JobHistoryPage> GetHistoryAsync(Guid jobId, long after, int limit)
    {
        if (after < 0)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"after is {after}; pass 0 or the Next of an earlier page.", "after");
        }

        if (limit is < 1 or > JobLimits.MaxHistoryPageSize)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument, $"limit is {limit}; pass 1 to {JobLimits.MaxHistoryPageSize}.", "limit");
        }

        return history.ReadAsync(jobId, after, limit);
    }

    private static JobSummary ToSummary(JobCatalogEntry e) => new(
        e.Id,
        e.DisplayName,
        e.State,
        e.Priority,
        e.Owner,
        new JobProgress(e.BytesTotal, e.BytesTransferred, e.FilesTotal, e.FilesTransferred),
        e.Created,
        e.Modified);
}
