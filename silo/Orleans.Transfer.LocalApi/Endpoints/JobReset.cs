using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>bitsadmin <c>/reset</c>: cancels every unfinished job of the given owners, page by page.</summary>
internal sealed partial class JobReset(IGrainFactory grains, ILogger<JobReset> logger)
{
    // The catalog is a single grain: the service keeps one job listing.
    private const long CatalogKey = 0;

    /// <param name="owners">Whose jobs; a null owner is every owner.</param>
    /// <param name="cancellationToken">Stops walking; jobs already cancelled stay cancelled.</param>
    public async Task<ResetResult> ResetAsync(IReadOnlyList<string?> owners, CancellationToken cancellationToken)
    {
        var catalog = grains.GetGrain<IJobCatalogGrain>(CatalogKey);
        var (cancelled, failed) = (0, 0);
        foreach (var owner in owners)
        {
            // The catalog pages by (creation time, id), so cancelled jobs leaving the listing do not shift the pages.
            var query = new JobListQuery(owner, IncludeFinal: false, PageSize: JobLimits.MaxListPageSize);
            while (true)
            {
                var page = await catalog.ListPageAsync(query).WaitAsync(cancellationToken);
                foreach (var summary in page.Jobs)
                {
                    if (await TryCancelAsync(summary.Id, cancellationToken))
                    {
                        cancelled++;
                    }
                    else
                    {
                        failed++;
                    }
                }

                if (page.ContinuationToken is not { } token)
                {
                    break;
                }

                query = query with { ContinuationToken = token };
            }
        }

        return new ResetResult(cancelled, failed);
    }

    private async Task<bool> TryCancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ITransferJobGrain>(jobId).CancelAsync().WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Already final by now, or the job did not answer: the reset goes on with the others and counts it.
            LogCancelFailed(logger, exception, jobId);
            return false;
        }
    }
}
