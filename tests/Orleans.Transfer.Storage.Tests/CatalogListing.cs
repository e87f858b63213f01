using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>Every row a query matches, page after page.</summary>
internal static class CatalogListing
{
    public static async Task<IReadOnlyList<JobCatalogEntry>> AllAsync(IJobCatalog catalog, JobListQuery query)
    {
        var entries = new List<JobCatalogEntry>();
        var next = query with { PageSize = JobLimits.MaxListPageSize };
        while (true)
        {
            var page = await catalog.ListPageAsync(next);
            entries.AddRange(page.Entries);
            if (page.ContinuationToken is not { } token)
            {
                return entries;
            }

            next = next with { ContinuationToken = token };
        }
    }
}
