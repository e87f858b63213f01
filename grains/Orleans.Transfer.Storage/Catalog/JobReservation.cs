namespace Orleans.Transfer.Storage.Catalog;

/// <summary>What <see cref="IJobCatalog.TryReserveAsync"/> did. A refusal wrote nothing.</summary>
/// <param name="Outcome">Reserved, or why not.</param>
/// <param name="Unfinished">For a limit reached: the unfinished jobs the owner (or the service) holds.</param>
/// <param name="TakenDestination">For a destination taken: the first such destination, in ordinal order.</param>
public sealed record JobReservation(JobReservationOutcome Outcome, int Unfinished = 0, string? TakenDestination = null)
{
    public static JobReservation Reserved { get; } = new(JobReservationOutcome.Reserved);
}
