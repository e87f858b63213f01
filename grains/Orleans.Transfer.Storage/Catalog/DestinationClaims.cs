using System.Data.Common;
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
    // Parameters per statement stay far below both dialects' limits (SQLite 32,766, PostgreSQL 65,535).
    internal const int PathsPerStatement = 500;

    // A path found claimed whose claim is gone by the time it is read was released in between: claim it again, a few times.
    private const int Attempts = 3;

    /// <summary>Returns the first path (in ordinal order) another job holds, or null when the job now holds them all.</summary>
    public static async Task<string?> ClaimAsync(
        StorageDatabase database,
        DbConnection connection,
        DbTransaction transaction,
        Guid jobId,
        IReadOnlyList<string> localPaths,
        CancellationToken cancellationToken)
    {
        var paths = localPaths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var dbJobId = database.ToDbId(jobId);
        foreach (var chunk in paths.Chunk(PathsPerStatement))
        {
            var pending = chunk;
            for (var attempt = 1; pending.Length > 0; attempt++)
            {
                var inserted = await InsertAsync(connection, transaction, dbJobId, pending, cancellationToken);
                var held = pending.Where(p => !inserted.Contains(p)).ToList();
                if (held.Count == 0)
                {
                    break;
                }

                var (sql, args) = HoldersQuery(held);
                var holders = (await connection.QueryAsync<HolderRow>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)))
                    .ToDictionary(h => h.LocalPath, h => database.FromDbId(h.JobId), StringComparer.Ordinal);
                if (held.FirstOrDefault(p => holders.TryGetValue(p, out var holder) && holder != jobId) is { } taken)
                {
                    return taken;
                }

                // Held by this job already (claimed again), or released since: the latter are tried again.
                pending = [.. held.Where(p => !holders.ContainsKey(p))];
                if (pending.Length > 0 && attempt == Attempts)
                {
                    return pending[0];
                }
            }
        }

        return null;
    }

    /// <summary>Who holds these paths. The list is spelled out: Dapper would send it to Npgsql as one array.</summary>
    internal static (string Sql, DynamicParameters Args) HoldersQuery(IReadOnlyList<string> paths)
    {
        var args = new DynamicParameters();
        var names = new List<string>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            args.Add($"P{i}", paths[i]);
            names.Add($"@P{i}");
        }

        return ($"SELECT local_path AS LocalPath, job_id AS JobId FROM transfer_destination WHERE local_path IN ({string.Join(", ", names)})", args);
    }

    private static async Task<HashSet<string>> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        object dbJobId,
        string[] paths,
        CancellationToken cancellationToken)
    {
        var args = new DynamicParameters();
        args.Add("JobId", dbJobId);
        var values = new List<string>(paths.Length);
        for (var i = 0; i < paths.Length; i++)
        {
            args.Add($"P{i}", paths[i]);
            values.Add($"(@P{i}, @JobId)");
        }

        var sql = $"""
            INSERT INTO transfer_destination (local_path, job_id) VALUES {string.Join(", ", values)}
            ON CONFLICT (local_path) DO NOTHING RETURNING local_path
            """;
        var inserted = await connection.QueryAsync<string>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
        return inserted.ToHashSet(StringComparer.Ordinal);
    }

    private sealed class HolderRow
    {
        public string LocalPath { get; init; } = default!;

        public object JobId { get; init; } = default!;
    }
}
