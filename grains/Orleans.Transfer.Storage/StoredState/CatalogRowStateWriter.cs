using Dapper;
using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A write of an <see cref="ICatalogRowState"/> with its catalog row: the state row (the same stored query and version
/// contract as every other write: a stale version throws <see cref="InconsistentStateException"/> and nothing is
/// written), the job's catalog row and, for a job that ended, the release of its destination claims, in one
/// transaction, on either profile. On SQLite it is one entry of the write queue's group commit instead of two or three.
/// </summary>
internal sealed class CatalogRowStateWriter(StoredStateRows rows, StorageDatabase database, DapperJobCatalog catalog, IGrainStorageSerializer serializer)
{
    private const string UpsertSql = JobRowSql.Upsert;
    private const string UpsertAndReleaseSql = JobRowSql.Upsert + ";\n" + DapperJobCatalog.ReleaseSql;

    public async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CatalogRowWrite row)
    {
        var query = await rows.QueryAsync(StoredStateRows.WriteQuery);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var known = grainState.ETag;
        var args = new DynamicParameters(catalog.RowArgs(row.Entry));
        args.Add("JobId", database.ToDbId(row.Entry.Id));
        var sql = row.ReleaseDestinations ? UpsertAndReleaseSql : UpsertSql;
        grainState.ETag = await database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                var version = await rows.RunVersionedAsync(connection, transaction, query, "WriteState", stateName, grainId, known, payload);
                await connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
                return version;
            },
            CancellationToken.None);
        grainState.RecordExists = true;
    }
}
