namespace Orleans.Transfer.Storage.Catalog;

/// <summary>The owner's and the service's unfinished jobs as <see cref="DapperJobCatalog"/> reads them; Owner is null for an owner without a counter row yet (one that never had a job).</summary>
internal sealed class CatalogCountRow
{
    public long? Owner { get; init; }
    public long? All { get; init; }
}
