namespace Orleans.Transfer;

/// <summary>Entries of a job's history after a sequence number (<see cref="IJobCatalogGrain.GetHistoryAsync"/>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Events">The entries after the asked-for sequence number, oldest first.</param>
/// <param name="Dropped">
/// Entries no longer kept: a job keeps its newest <see cref="JobLimits.HistoryEntriesKept"/>, so the oldest go first.
/// </param>
/// <param name="Next">The sequence number to read on from (the last entry's, or the one asked for when there is none).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobHistoryPage")]
public sealed record JobHistoryPage(Guid JobId, IReadOnlyList<JobHistoryEntry> Events, long Dropped, long Next);
