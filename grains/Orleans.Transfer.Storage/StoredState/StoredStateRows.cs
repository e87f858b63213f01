using System.Data.Common;
using System.Globalization;
using Dapper;
using Orleans.Storage;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// The OrleansStorage rows as Orleans' AdoNet grain storage reads and writes them: the stored queries (OrleansQuery),
/// the key columns and the version contract, run on the caller's connection and transaction, so either provider reads
/// what the other wrote. Used by <see cref="SqliteGrainStorage"/> and by <see cref="ReservingStateWriter"/> (both
/// profiles).
/// </summary>
internal sealed class StoredStateRows(string name, StorageDatabase database)
{
    public const string WriteQuery = "WriteToStorageKey";
    public const string ReadQuery = "ReadFromStorageKey";
    public const string DeleteQuery = "DeleteStorageKey";

    private const string QueriesSql = "SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'DeleteStorageKey')";

    private Task<IReadOnlyDictionary<string, string>>? _queries;

    public async Task<string> QueryAsync(string key)
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

    /// <summary>Runs a versioned write or delete; returns the new version, throwing <see cref="InconsistentStateException"/> on a stale one.</summary>
    public async Task<string> RunVersionedAsync(
        DbConnection connection,
        DbTransaction transaction,
        string query,
        string operation,
        string stateName,
        GrainId grainId,
        string? version,
        byte[]? payload)
    {
        var stored = await RunAsync(connection, transaction, query, Parameters(stateName, grainId, version, payload));
        if (stored == version || stored == "" || (stored is null && version is not null))
        {
            // As the AdoNet provider decides it: the version did not move, or no row answered for a known version.
            throw new InconsistentStateException(
                $"Version conflict ({operation}): ServiceId={StorageNames.ServiceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={version}.");
        }

        return stored!;
    }

    public static Dictionary<string, object?> Parameters(string stateName, GrainId grainId, string? version, byte[]? payload)
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

    /// <summary>The stored queries answer with the row's new version, or the old one when nothing matched.</summary>
    private static async Task<string?> RunAsync(DbConnection connection, DbTransaction transaction, string query, Dictionary<string, object?> parameters)
    {
        // Every statement of the query runs only as its result set is reached, so all of them are read.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = query;
        foreach (var (parameterName, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameterName;
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

    private async Task<IReadOnlyDictionary<string, string>> LoadQueriesAsync()
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string QueryKey, string QueryText)>(QueriesSql);
        return rows.ToDictionary(r => r.QueryKey, r => r.QueryText, StringComparer.Ordinal);
    }
}
