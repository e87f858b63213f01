namespace Orleans.Transfer.Storage.Catalog;

/// <summary>A catalog row as <see cref="DapperJobCatalog"/> reads it: ids and times as the dialect stores them (GUID text or uuid, ISO text or timestamptz).</summary>
internal sealed class CatalogJobRow
{
    public object Id { get; init; } = default!;
    public string Owner { get; init; } = default!;
    public string DisplayName { get; init; } = default!;
    public long State { get; init; }
    public long Priority { get; init; }
    public long? BytesTotal { get; init; }
    public long BytesTransferred { get; init; }
    public long FilesTotal { get; init; }
    public long FilesTransferred { get; init; }
    public object Created { get; init; } = default!;
    public object Modified { get; init; } = default!;
    public string? Silo { get; init; }
    public string? PinnedHost { get; init; }
    public long CompleteWhenTransferred { get; init; }
}
