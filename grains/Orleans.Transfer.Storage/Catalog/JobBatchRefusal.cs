namespace Orleans.Transfer.Storage.Catalog;

/// <summary>Why a batch create wrote nothing: the first job at fault, by its index in the batch, and the reason.</summary>
/// <param name="Index">The job's index in the batch.</param>
/// <param name="Reservation">The reason, as a single create's reservation would give it.</param>
public sealed record JobBatchRefusal(int Index, JobReservation Reservation);
