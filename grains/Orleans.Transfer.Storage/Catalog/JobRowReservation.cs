namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// A new job's catalog row, written in the same transaction as the job's first state write (a state that is an
/// <see cref="StoredState.IReservingState"/>): counted against the owner's and the service's limits, with its
/// destination claims, all or none, as <see cref="IJobCatalog.TryReserveAsync"/> does, but with no reservation to
/// confirm afterwards: the state is written with it or neither is. The storage sets <see cref="Outcome"/>.
/// </summary>
/// <param name="entry">The row.</param>
/// <param name="ownerLimit">Unfinished jobs the owner may hold, this one included.</param>
/// <param name="serviceLimit">Unfinished jobs the service may hold, this one included.</param>
/// <param name="destinations">The claims, compared exactly as given.</param>
public sealed class JobRowReservation(JobCatalogEntry entry, int ownerLimit, int serviceLimit, IReadOnlyList<string> destinations)
{
    public JobCatalogEntry Entry { get; } = entry;

    public int OwnerLimit { get; } = ownerLimit;

    public int ServiceLimit { get; } = serviceLimit;

    public IReadOnlyList<string> Destinations { get; } = destinations;

    /// <summary>Null until the write ran; a refusal wrote neither the state nor the row nor any claim.</summary>
    public JobReservation? Outcome { get; internal set; }
}
