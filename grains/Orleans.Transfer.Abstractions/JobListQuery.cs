namespace Orleans.Transfer;

/// <summary>Which jobs to list.</summary>
/// <param name="Owner">Only this owner's jobs, or null for every owner.</param>
/// <param name="IncludeFinal">Also list Acknowledged and Cancelled jobs (BITS leaves them out).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobListQuery")]
public sealed record JobListQuery(string? Owner, bool IncludeFinal);
