using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>
/// Creates that did not finish: a catalog row reserved (and counted against the quotas) whose create crashed or failed
/// before writing the job's state and could not undo it. Each job grain decides: if the job does not exist, its row
/// and claims go and its place in the quotas is free again; if it does, its row is confirmed. Calls on a grain wait
/// for a create still running in it, so asking early is safe, only wasted.
/// </summary>
internal static class UnfinishedCreates
{
    /// <summary>A create takes milliseconds: a reservation this old is worth asking about.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Asks the job of every reservation made before <paramref name="before"/>; returns how many.</summary>
    public static async Task<int> ResolveAsync(IJobCatalog catalog, IGrainFactory grainFactory, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var id in catalog.ListReservedBeforeAsync(before, cancellationToken).ConfigureAwait(false))
        {
            await grainFactory.GetGrain<IJobHousekeepingGrain>(id).ReleaseClaimsIfAbsentAsync().ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
