namespace Orleans.Transfer.Storage.Catalog;

/// <summary>One new job of a batch create (<see cref="IJobBatchStore"/>).</summary>
/// <typeparam name="T">The job grain's state type.</typeparam>
/// <param name="GrainId">The job grain, whose stored state row this writes as its own first write would.</param>
/// <param name="State">The job's state, serialized as the grain storage serializes it.</param>
/// <param name="Reservation">Its catalog row, limits and destination claims.</param>
public sealed record JobBatchEntry<T>(GrainId GrainId, T State, JobRowReservation Reservation);
