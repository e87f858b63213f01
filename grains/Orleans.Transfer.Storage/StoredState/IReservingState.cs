using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A persisted state whose first write holds a place in the job catalog: while <see cref="PendingReservation"/> is set,
/// the service's grain storage writes the state only together with that reservation, in one transaction, and reports
/// the outcome on it instead of throwing (a quota refusal is an answer, not a storage error).
/// </summary>
public interface IReservingState
{
    /// <summary>The reservation the next write must make, or null for an ordinary write.</summary>
    JobRowReservation? PendingReservation { get; }
}
