using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>Calls every job the catalog records as active, a bounded number at a time, reading the catalog a page at a time.</summary>
internal static class ActiveJobs
{
    private const int MaxConcurrentCalls = 32;

    /// <summary>Returns how many jobs were called.</summary>
    public static async Task<int> CallEachAsync(
        IJobCatalog catalog,
        IGrainFactory grainFactory,
        Func<IJobHousekeepingGrain, Task> call,
        CancellationToken cancellationToken)
    {
        var count = 0;
        await Parallel.ForEachAsync(
            catalog.ListActiveAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCalls, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                Interlocked.Increment(ref count);
                await call(grainFactory.GetGrain<IJobHousekeepingGrain>(id)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return count;
    }
}
