namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// One row of a <see cref="KeysetScan"/> page, as the dialect stores it (GUID text or uuid, ISO text or timestamptz):
/// the last one is bound unchanged as the next page's start.
/// </summary>
internal sealed class ScanKey
{
    public object Id { get; init; } = default!;

    public object? At { get; init; }

    /// <summary>0 for a row the scan read but does not return.</summary>
    public long Keep { get; init; } = 1;
}
