using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A persisted state whose writes may carry its catalog row: while <see cref="PendingCatalogRow"/> is set, the service's
/// grain storage writes the state and that row (and releases the claims it says) in one transaction, all or none.
/// </summary>
public interface ICatalogRowState
{
    /// <summary>The row the next write also makes, or null for a state-only write.</summary>
    CatalogRowWrite? PendingCatalogRow { get; }
}
