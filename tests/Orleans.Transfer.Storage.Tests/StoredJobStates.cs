using Dapper;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;
using Orleans.Transfer.Storage.Tests.Creates;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>The stored job states of the state-writer tests: one state name, the schema, and a read of what was written.</summary>
internal static class StoredJobStates
{
    public const string StateName = "job";

    public static GrainId GrainOf(Guid id) => GrainId.Create(GrainType.Create(StateName), GrainIdKeyExtensions.CreateGuidKey(id));

    public static async Task<(DapperJobCatalog Catalog, StoredStateRows Rows)> CreateAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return (new DapperJobCatalog(db.Database), new StoredStateRows(StateName, db.Database));
    }

    /// <summary>The stored state's name, or null when no row is stored.</summary>
    public static async Task<string?> ReadNameAsync(TestDatabase db, StoredStateRows rows, Guid id)
    {
        var query = await rows.QueryAsync(StoredStateRows.ReadQuery);
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var payload = await connection.QuerySingleOrDefaultAsync<byte[]?>(query, StoredStateRows.Parameters(StateName, GrainOf(id), null, null));
        return payload is null ? null : new JsonProbeSerializer().Deserialize<ProbeJobState>(new BinaryData(payload))!.Name;
    }
}
