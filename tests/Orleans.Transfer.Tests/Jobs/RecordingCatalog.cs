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

    public async Task<JobReservation> TryReserveAsync(
        JobCatalogEntry entry,
        int ownerLimit,
        int serviceLimit,
        IReadOnlyList<string> destinations,
        CancellationToken cancellationToken = default)
    {
        if (await TryClaimDestinationsAsync(entry.Id, destinations, cancellationToken) is { } taken)
        {
            return new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: taken);
        }

        Upserts.Add(entry);
        return JobReservation.Reserved;
    }

    public Task ConfirmAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default) => UpsertAsync(entry, cancellationToken);

    public Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default) => ReleaseDestinationsAsync(jobId, cancellationToken);

    public IAsyncEnumerable<Guid> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default) =>
        Claims.Values.Distinct().Where(id => Upserts.All(u => u.Id != id)).ToAsyncEnumerable();

    public Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new JobCatalogPage(Upserts, null));

    public Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upserts.LastOrDefault(u => u.Id == jobId));

    public IAsyncEnumerable<Guid> ListActiveAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListCompletingAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListActiveOnSiloAsync(string silo, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListActiveNotOnSilosAsync(IReadOnlyList<string> liveSilos, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<Guid>();

    public IAsyncEnumerable<Guid> ListReservedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<Guid>();

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
