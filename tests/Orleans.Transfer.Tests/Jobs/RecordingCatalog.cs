using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>An in-memory <see cref="IJobCatalog"/> that records the rows written to it.</summary>
internal sealed class RecordingCatalog : IJobCatalog
{
    public List<JobCatalogEntry> Upserts { get; } = [];

    public Dictionary<string, Guid> Claims { get; } = new(StringComparer.Ordinal);

    public Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        Upserts.Add(entry);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default) => ReleaseDestinationsAsync(jobId, cancellationToken);

    public Task<IReadOnlyList<Guid>> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. Claims.Values.Distinct().Where(id => Upserts.All(u => u.Id != id))]);

    public Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new JobCatalogPage(Upserts, null));

    public Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upserts.LastOrDefault(u => u.Id == jobId));

    public Task<IReadOnlyList<Guid>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<UnfinishedJobCounts> CountUnfinishedAsync(string owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(new UnfinishedJobCounts(0, 0));

    public Task<IReadOnlyList<Guid>> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<IReadOnlyList<Guid>> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<string?> TryClaimDestinationsAsync(Guid jobId, IReadOnlyList<string> localPaths, CancellationToken cancellationToken = default)
    {
        var taken = localPaths.FirstOrDefault(p => Claims.TryGetValue(p, out var holder) && holder != jobId);
        if (taken is null)
        {
            foreach (var path in localPaths)
            {
                Claims[path] = jobId;
            }
        }

        return Task.FromResult(taken);
    }

    public Task ReleaseDestinationsAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        foreach (var path in Claims.Where(c => c.Value == jobId).Select(c => c.Key).ToList())
        {
            Claims.Remove(path);
        }

        return Task.CompletedTask;
    }
}
