namespace Orleans.Transfer.Storage.Catalog;

/// <summary>One page of catalog rows and the token of the next page (null on the last).</summary>
public sealed record JobCatalogPage(IReadOnlyList<JobCatalogEntry> Entries, string? ContinuationToken);
