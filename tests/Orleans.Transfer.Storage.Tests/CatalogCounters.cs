using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>The unfinished-job counters as stored, and as counted from the catalog's rows.</summary>
internal static class CatalogCounters
{
    /// <summary>Unfinished jobs per owner (owners with none left out) and in all, from the counter tables.</summary>
    public static async Task<(Dictionary<string, long> Owners, long Total)> StoredAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var owners = (await connection.QueryAsync<(string Owner, long Unfinished)>(
                "SELECT owner, CAST(unfinished AS bigint) FROM transfer_job_count WHERE unfinished <> 0"))
            .ToDictionary(r => r.Owner, r => r.Unfinished, StringComparer.Ordinal);
        var total = await connection.ExecuteScalarAsync<long>("SELECT unfinished FROM transfer_job_total");
        return (owners, total);
    }

    /// <summary>The same, counted from the rows.</summary>
    public static async Task<(Dictionary<string, long> Owners, long Total)> CountedAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var owners = (await connection.QueryAsync<(string Owner, long Unfinished)>(
                "SELECT owner, COUNT(*) FROM transfer_job WHERE state NOT IN (7, 8) GROUP BY owner"))
            .ToDictionary(r => r.Owner, r => r.Unfinished, StringComparer.Ordinal);
        return (owners, owners.Values.Sum());
    }

    public static async Task AssertMatchRowsAsync(StorageDatabase database)
    {
        var (storedOwners, storedTotal) = await StoredAsync(database);
        var (countedOwners, countedTotal) = await CountedAsync(database);
        Assert.Equal(countedTotal, storedTotal);
        Assert.Equal(countedOwners.OrderBy(o => o.Key, StringComparer.Ordinal), storedOwners.OrderBy(o => o.Key, StringComparer.Ordinal));
    }
}
