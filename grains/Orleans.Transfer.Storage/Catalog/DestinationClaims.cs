using System.Data.Common;
using System.Text.Json;
using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Claims destination paths for a job inside the caller's transaction, without a global lock: the primary key on
/// local_path makes each claim atomic, paths are inserted in ordinal order so two overlapping claims wait for each
/// other in the same order (no deadlock), and the caller's rollback undoes a partial claim (all or none). An existing
/// claim is only read, never locked, so a claim does not hold up another job's release of its paths.
/// </summary>
internal static class DestinationClaims
{
    // Paths per statement. Not a parameter limit (a chunk is one parameter): it bounds one statement's memory, its
    // JSON text or array and SQLite's buffered RETURNING rows, whatever MaxFilesPerJob allows. It does not shorten
    // lock time: every chunk's claims are held until the caller's transaction ends.
    internal const int PathsPerStatement = 500;

    // A path found claimed whose claim is gone by the time it is read was released in between: claim it again, a few times.
    private const int Attempts = 3;

    // Each statement binds the chunk as one parameter, @Paths, so it is one SQL text whatever the chunk's size (kept
    // by StatementCachingConnection) and SQLite does not look up hundreds of named parameters, each by a linear scan
    // of the names. SQLite reads a JSON array of texts (json_each, built in), PostgreSQL a text[] (Dapper hands
    // Npgsql an array as one parameter). Both look each path up by the primary key (JobCatalogPlanTests). SQLite's
    // upsert after INSERT ... SELECT needs a WHERE clause, or it would read ON CONFLICT as a join's ON.
    private const string SqliteInsertSql = """
        INSERT INTO transfer_destination (local_path, job_id) SELECT value, @JobId FROM json_each(@Paths) WHERE true
        ON CONFLICT (local_path) DO NOTHING RETURNING local_path
        """;

    private const string PostgresInsertSql = """
        INSERT INTO transfer_destination (local_path, job_id) SELECT unnest(@Paths), @JobId
        ON CONFLICT (local_path) DO NOTHING RETURNING local_path
        """;

    // Pairs: each path for its own job. unnest keeps the arrays' order.
    private const string PostgresInsertForJobsSql = """
        INSERT INTO transfer_destination (local_path, job_id)
        SELECT c.local_path, c.job_id FROM unnest(@Paths, @JobIds) AS c (local_path, job_id)
        ON CONFLICT (local_path) DO NOTHING RETURNING local_path
        """;

    private const string SqliteHoldersSql =
        "SELECT local_path AS LocalPath, job_id AS JobId FROM transfer_destination WHERE local_path IN (SELECT value FROM json_each(@Paths))";

    private const string PostgresHoldersSql =
        "SELECT local_path AS LocalPath, job_id AS JobId FROM transfer_destination WHERE local_path = ANY(@Paths)";

    /// <summary>Returns the first path (in ordinal order) another job holds, or null when the job now holds them all.</summary>
    public static Task<string?> ClaimAsync(
        StorageDatabase database,
        DbConnection connection,
        DbTransaction transaction,
        Guid jobId,
        IReadOnlyList<string> localPaths,
        CancellationToken cancellationToken)
    {
        var dbJobId = database.ToDbId(jobId);
        return ClaimInOrderAsync(
            database, connection, transaction, localPaths.Distinct(StringComparer.Ordinal), pending => InsertStatement(database, dbJobId, pending), _ => jobId, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: claims each path for its own job (<paramref name="claimants"/>, a batch create's jobs), in one
    /// statement per chunk; returns the first path (in ordinal order) a job outside them holds, or null.
    /// </summary>
    public static Task<string?> ClaimForJobsAsync(
        StorageDatabase database,
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyDictionary<string, Guid> claimants,
        CancellationToken cancellationToken) =>
        ClaimInOrderAsync(
            database,
            connection,
            transaction,
            claimants.Keys,
            pending => (PostgresInsertForJobsSql, new { Paths = pending.ToArray(), JobIds = pending.Select(p => claimants[p]).ToArray() }),
            path => claimants[path],
            cancellationToken);

    /// <summary>
    /// Claims the paths in ordinal order, a chunk per statement (<paramref name="insert"/>); a path found held is
    /// taken when its holder is not <paramref name="claimant"/>'s job, and claimed again when it was released since.
    /// </summary>
    private static async Task<string?> ClaimInOrderAsync(
        StorageDatabase database,
        DbConnection connection,
        DbTransaction transaction,
        IEnumerable<string> paths,
        Func<IReadOnlyList<string>, (string Sql, object Args)> insert,
        Func<string, Guid> claimant,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in paths.Order(StringComparer.Ordinal).Chunk(PathsPerStatement))
        {
            var pending = chunk;
            for (var attempt = 1; pending.Length > 0; attempt++)
            {
                var (insertSql, insertArgs) = insert(pending);
                var inserted = (await connection.QueryAsync<string>(new CommandDefinition(insertSql, insertArgs, transaction, cancellationToken: cancellationToken)))
                    .ToHashSet(StringComparer.Ordinal);
                var held = pending.Where(p => !inserted.Contains(p)).ToList();
                if (held.Count == 0)
                {
                    break;
                }

                var (sql, args) = HoldersQuery(database, held);
                var holders = (await connection.QueryAsync<HolderRow>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)))
                    .ToDictionary(h => h.LocalPath, h => database.FromDbId(h.JobId), StringComparer.Ordinal);
                if (held.FirstOrDefault(p => holders.TryGetValue(p, out var holder) && holder != claimant(p)) is { } taken)
                {
                    return taken;
                }

                // Held by its own job already (claimed again), or released since: the latter are tried again.
                pending = [.. held.Where(p => !holders.ContainsKey(p))];
                if (pending.Length > 0 && attempt == Attempts)
                {
                    return pending[0];
                }
            }
        }

        return null;
    }

    /// <summary>Who holds these paths.</summary>
    internal static (string Sql, object Args) HoldersQuery(StorageDatabase database, IReadOnlyList<string> paths) =>
        database.Profile == StorageProfile.Sqlite
            ? (SqliteHoldersSql, new { Paths = JsonSerializer.Serialize(paths) })
            : (PostgresHoldersSql, new { Paths = paths.ToArray() });

    /// <summary>Claims these paths (in their order) for the job, answering the ones it inserted.</summary>
    internal static (string Sql, object Args) InsertStatement(StorageDatabase database, object dbJobId, IReadOnlyList<string> paths) =>
        database.Profile == StorageProfile.Sqlite
            ? (SqliteInsertSql, new { JobId = dbJobId, Paths = JsonSerializer.Serialize(paths) })
            : (PostgresInsertSql, new { JobId = dbJobId, Paths = paths.ToArray() });

    private sealed class HolderRow
    {
        public string LocalPath { get; init; } = default!;

        public object JobId { get; init; } = default!;
    }
}
