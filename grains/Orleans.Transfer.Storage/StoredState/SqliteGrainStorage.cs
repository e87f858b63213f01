using System.Data.Common;
using System.Globalization;
using Dapper;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// Grain storage for the SQLite profile: the same OrleansStorage rows, the same stored queries (OrleansQuery) and the
/// same serializer as Orleans' AdoNet grain storage, so either reads what the other wrote, but every write goes through
/// <see cref="StorageDatabase.WriteAsync{T}"/>: one writer per process and one commit for many grains' writes, where
/// the AdoNet provider's connections would compete for SQLite's write lock and sleep on it. Versions work as there:
/// the stored version is the ETag, and a write or delete with a stale one throws <see cref="InconsistentStateException"/>.
/// Deletes remove the row (the AdoNet options' DeleteStateOnClear, which the service sets).
/// </summary>
internal sealed class SqliteGrainStorage(
    string name,
    StorageDatabase database,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators) : IGrainStorage
{
    private const string QueriesSql = "SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'DeleteStorageKey')";

    private Task<IReadOnlyDictionary<string, string>>? _queries;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var query = await QueryAsync("ReadFromStorageKey");
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var row = await connection.QuerySingleOrDefaultAsync<StoredRow>(query, Parameters(stateName, grainId, version: null, payload: null));
        var payload = row?.PayloadBinary;
        grainState.State = payload is null ? activators.GetActivator<T>().Create() : serializer.Deserialize<T>(new BinaryData(payload)) ?? activators.GetActivator<T>().Create();
        grainState.ETag = row?.Version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var query = await QueryAsync("WriteToStorageKey");
        var payload = serializer.Serialize(grainState.State).ToArray();
        var stored = await database.WriteAsync(
            (connection, transaction, _) => RunVersionedAsync(connection, transaction, query, Parameters(stateName, grainId, grainState.ETag, payload)),
            CancellationToken.None);
        ThrowIfConflict("WriteState", stateName, grainId, stored, grainState.ETag);
        grainState.ETag = stored;
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

        var query = await QueryAsync("DeleteStorageKey");
        var stored = await database.WriteAsync(
            (connection, transaction, _) => RunVersionedAsync(connection, transaction, query, Parameters(stateName, grainId, grainState.ETag, payload: null)),
            CancellationToken.None);
        ThrowIfConflict("ClearState", stateName, grainId, stored, grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    /// <summary>The stored queries answer with the row's new version, or the old one when nothing matched.</summary>
    private static async Task<string?> RunVersionedAsync(DbConnection connection, DbTransaction transaction, string query, Dictionary<string, object?> parameters)
    {
        // Every statement of the query runs only as its result set is reached, so all of them are read.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = query;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        string? version = null;
        do
        {
            while (await reader.ReadAsync())
            {
                if (version is not null)
                {
                    throw new InvalidOperationException("The stored write query answered with more than one version.");
                }

                version = reader.IsDBNull(0) ? "" : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            }
        }
        while (await reader.NextResultAsync());

        return version;
    }

    /// <summary>As the AdoNet provider decides it: the version did not move, or no row answered for a known version.</summary>
    private void ThrowIfConflict(string operation, string stateName, GrainId grainId, string? stored, string? known)
    {
        if (stored == known || stored == "" || (stored is null && known is not null))
        {
            throw new InconsistentStateException(
                $"Version conflict ({operation}): ServiceId={StorageNames.ServiceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={known}.");
        }
    }

    private static Dictionary<string, object?> Parameters(string stateName, GrainId grainId, string? version, byte[]? payload)
    {
        var (n0, n1, extension) = KeyOf(grainId);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ServiceId"] = StorageNames.ServiceId,
            ["GrainTypeString"] = stateName,
            ["GrainIdN0"] = n0,
            ["GrainIdN1"] = n1,
            ["GrainIdExtensionString"] = extension,
            ["GrainStateVersion"] = string.IsNullOrWhiteSpace(version) ? null : int.Parse(version, CultureInfo.InvariantCulture),
            ["PayloadBinary"] = payload,
        };
    }

    /// <summary>The AdoNet provider's key columns: a Guid as its two halves, an integer in N1, anything else as text.</summary>
    private static (long N0, long N1, string? Extension) KeyOf(GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            Span<byte> bytes = stackalloc byte[16];
            guid.TryWriteBytes(bytes);
            return (BitConverter.ToInt64(bytes[..8]), BitConverter.ToInt64(bytes[8..]), guidExtension);
        }

        return grainId.TryGetIntegerKey(out var integer, out var integerExtension)
            ? (0, integer, integerExtension)
            : (0, 0, grainId.Key.ToString());
    }

    private async Task<string> QueryAsync(string key)
    {
        if (_queries is null || _queries.IsFaulted)
        {
            // A failed load (the database not reachable yet) is tried again by the next call.
            _queries = LoadQueriesAsync();
        }

        var queries = await _queries;
        return queries.TryGetValue(key, out var text)
            ? text
            : throw new InvalidOperationException($"The stored query '{key}' is missing from OrleansQuery in {database.Description}.");
    }

    private async Task<IReadOnlyDictionary<string, string>> LoadQueriesAsync()
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string QueryKey, string QueryText)>(QueriesSql);
        return rows.ToDictionary(r => r.QueryKey, r => r.QueryText, StringComparer.Ordinal);
    }

    private sealed class StoredRow
    {
        public byte[]? PayloadBinary { get; init; }

        public long? Version { get; init; }
    }
}
