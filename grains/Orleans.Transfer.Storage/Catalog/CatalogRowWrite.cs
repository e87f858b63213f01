namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// A job's catalog row written in the same transaction as the job's state (a state that is an
/// <see cref="StoredState.ICatalogRowState"/>): the row as the state is written, and, for a job that just ended, the
/// release of its destination claims. A state change was a state write, an upsert and, at the end, a release: two or
/// three transactions; now it is one, and the row can never say something the state does not.
/// </summary>
/// <param name="entry">The row.</param>
/// <param name="releaseDestinations">Whether the job's destination claims go too (it reached a final state).</param>
public sealed class CatalogRowWrite(JobCatalogEntry entry, bool releaseDestinations)
{
    public JobCatalogEntry Entry { get; } = entry;

    public bool ReleaseDestinations { get; } = releaseDestinations;
}
