using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>Calls every job a catalog scan lists (by default the active ones), a bounded number at a time, reading the catalog a page at a time.</summary>
internal static class ActiveJobs
{
    private const int MaxConcurrentCalls = 32;

    /// <summary>Returns how many jobs were called.</summary>
    public static Task<int> CallEachAsync(
        IJobCatalog catalog,
        IGrainFactory grainFactory,
        Func<IJobHousekeepingGrain, Task> call,
        CancellationToken cancellationToken) =>
        CallEachAsync(catalog.ListActiveAsync(cancellationToken), grainFactory, call, cancellationToken);

    /// <summary>Calls each job of <paramref name="jobIds"/> (a catalog scan); returns how many were called.</summary>
    public static async Task<int> CallEachAsync(
        IAsyncEnumerable<Guid> jobIds,
        IGrainFactory grainFactory,
        Func<IJobHousekeepingGrain, Task> call,
        CancellationToken cancellationToken)
    {
        var count = 0;
        await Parallel.ForEachAsync(
            jobIds,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCalls, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                Interlocked.Increment(ref count);
                await call(grainFactory.GetGrain<IJobHousekeepingGrain>(id)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return count;
    }
}
