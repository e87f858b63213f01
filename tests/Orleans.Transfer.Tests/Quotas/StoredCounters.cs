using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Tests.Quotas;

/// <summary>The unfinished-job counters as a silo's database holds them, and their agreement with the catalog's rows.</summary>
internal static class StoredCounters
{
    public static async Task<long> OwnerAsync(StorageDatabase database, string owner)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long?>("SELECT unfinished FROM transfer_job_count WHERE owner = @Owner", new { Owner = owner }) ?? 0;
    }

    public static async Task<long> TotalAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT unfinished FROM transfer_job_total");
    }

    public static async Task AssertMatchRowsAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var counted = await connection.QueryAsync<(string Owner, long Count)>(
            "SELECT owner, COUNT(*) FROM transfer_job WHERE state NOT IN (7, 8) GROUP BY owner ORDER BY owner");
        var stored = await connection.QueryAsync<(string Owner, long Count)>(
            "SELECT owner, CAST(unfinished AS bigint) FROM transfer_job_count WHERE unfinished <> 0 ORDER BY owner");
        Assert.Equal(counted, stored);
        Assert.Equal(counted.Sum(c => c.Count), await TotalAsync(database));
    }
}
