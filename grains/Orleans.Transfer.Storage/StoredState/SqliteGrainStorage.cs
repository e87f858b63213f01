using Dapper;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// Grain storage for the SQLite profile: the same OrleansStorage rows, the same stored queries (OrleansQuery) and the
/// same serializer as Orleans' AdoNet grain storage (<see cref="StoredStateRows"/>), so either reads what the other
/// wrote, but every write goes through <see cref="StorageDatabase.WriteAsync{T}"/>: one writer per process and one
/// commit for many grains' writes, where the AdoNet provider's connections would compete for SQLite's write lock and
/// sleep on it. Versions work as there: the stored version is the ETag, and a write or delete with a stale one throws
/// <see cref="InconsistentStateException"/>. Deletes remove the row (the AdoNet options' DeleteStateOnClear, which the
/// service sets).
/// </summary>
internal sealed class SqliteGrainStorage(
    StoredStateRows rows,
    StorageDatabase database,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var query = await rows.QueryAsync(StoredStateRows.ReadQuery);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var row = await connection.QuerySingleOrDefaultAsync<StoredRow>(query, StoredStateRows.Parameters(stateName, grainId, version: null, payload: null));
        var payload = row?.PayloadBinary;
        grainState.State = payload is null ? activators.GetActivator<T>().Create() : serializer.Deserialize<T>(new BinaryData(payload)) ?? activators.GetActivator<T>().Create();
        grainState.ETag = row?.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var query = await rows.QueryAsync(StoredStateRows.WriteQuery);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var known = grainState.ETag;
        grainState.ETag = await database.WriteAsync(
            (connection, transaction, _) => rows.RunVersionedAsync(connection, transaction, query, "WriteState", stateName, grainId, known, payload),
            CancellationToken.None);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var query = await rows.QueryAsync(StoredStateRows.DeleteQuery);
        var known = grainState.ETag;
        await database.WriteAsync(
            (connection, transaction, _) => rows.RunVersionedAsync(connection, transaction, query, "ClearState", stateName, grainId, known, payload: null),
            CancellationToken.None);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    private sealed class StoredRow
    {
        public byte[]? PayloadBinary { get; init; }

        public long? Version { get; init; }
    }
}
