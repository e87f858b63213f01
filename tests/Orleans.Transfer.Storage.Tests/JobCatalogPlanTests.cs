using System.Text.RegularExpressions;
using Dapper;
using Xunit.Abstractions;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// At 100,000 jobs every catalog query reads an index range (or walks an index in its order and stops after a page),
/// never the whole table: the plans of the statements the catalog runs, with arguments like its own.
/// </summary>
public sealed partial class JobCatalogPlanTests(ITestOutputHelper output)
{
    private const int Jobs = 100_000;
    private static readonly DateTimeOffset s_start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // 1,000 owners; a tenth each Queued, TransientError, Suspended, Error, Transferred and Cancelled, the rest Acknowledged;
    // one job a second. Half the jobs claim a destination, and 5,000 claims belong to no job; 20,000 are reserved (as a
    // crash in the middle of a bulk create could leave them, more than ever in flight).
    private const string SqliteFill = """
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred, files_total,
                                  files_transferred, created, modified)
        SELECT printf('%08x-0000-4000-8000-%012x', i, i), 'owner' || (i % 1000), 'job ' || i,
               CASE i % 10 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 3 WHEN 3 THEN 4 WHEN 4 THEN 6 WHEN 5 THEN 8 ELSE 7 END,
               i % 4, 1000, 0, 1, 0,
               strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2025-01-01', '+' || i || ' seconds'),
               strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2025-01-01', '+' || i || ' seconds')
        FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 54999)
        INSERT INTO transfer_destination (local_path, job_id)
        SELECT 'owner|/data/' || i, printf('%08x-0000-4000-8000-%012x', i * 2, i * 2) FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
        INSERT INTO transfer_job_reservation (job_id, reserved_at)
        SELECT printf('%08x-0000-4000-8000-%012x', i * 5, i * 5), '2025-01-01T00:00:00.0000000Z' FROM n;
        """;

    // The counting trigger is off while the rows go in: one statement updating the total's row 100,000 times makes as
    // many versions of it in one transaction, which PostgreSQL walks on every update. (A create writes one row.)
    private const string PostgresFill = """
        ALTER TABLE transfer_job DISABLE TRIGGER USER;
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred, files_total,
                                  files_transferred, created, modified)
        SELECT md5(i::text)::uuid, 'owner' || (i % 1000), 'job ' || i,
               CASE i % 10 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 3 WHEN 3 THEN 4 WHEN 4 THEN 6 WHEN 5 THEN 8 ELSE 7 END,
               i % 4, 1000, 0, 1, 0,
               timestamptz '2025-01-01 00:00:00Z' + i * interval '1 second',
               timestamptz '2025-01-01 00:00:00Z' + i * interval '1 second'
        FROM generate_series(0, 99999) AS i;
        INSERT INTO transfer_destination (local_path, job_id)
        SELECT 'owner|/data/' || i, md5((i * 2)::text)::uuid FROM generate_series(0, 54999) AS i;
        INSERT INTO transfer_job_reservation (job_id, reserved_at)
        SELECT md5((i * 5)::text)::uuid, timestamptz '2025-01-01 00:00:00Z' FROM generate_series(0, 19999) AS i;
        ALTER TABLE transfer_job ENABLE TRIGGER USER;
        INSERT INTO transfer_job_count (owner, unfinished)
        SELECT owner, COUNT(*) FROM transfer_job WHERE state NOT IN (7, 8) GROUP BY owner;
        UPDATE transfer_job_total SET unfinished = (SELECT COUNT(*) FROM transfer_job WHERE state NOT IN (7, 8));
        ANALYZE;
        """;

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task EveryCatalogQuery_UsesAnIndex_At100000Jobs(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var scanner = new KeysetScanner(db.Database);
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(profile == StorageProfile.Sqlite ? SqliteFill : PostgresFill, commandTimeout: 120));
        Assert.Equal(Jobs, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfer_job"));

        var failures = new List<string>();
        foreach (var (name, sql, args) in Queries(db.Database, scanner))
        {
            var plan = await ExplainAsync(connection, profile, sql, args);
            output.WriteLine($"{name}:\n{plan}\n");
            if (FullScan(profile, plan) is { } scan)
            {
                failures.Add($"{name}: {scan}\n{plan}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static IEnumerable<(string Name, string Sql, object Args)> Queries(StorageDatabase database, KeysetScanner scanner)
    {
        var at = s_start.AddSeconds(Jobs / 2);
        var after = new ScanKey { Id = database.ToDbId(Guid.Parse("0000c350-0000-4000-8000-00000000c350")), At = database.ToDbTime(at) };
        foreach (var (name, scan) in new[]
        {
            ("active", KeysetScan.Active),
            ("completing", KeysetScan.Completing),
            ("unfinished modified before", KeysetScan.UnfinishedModifiedBefore),
            ("final modified before", KeysetScan.FinalModifiedBefore),
            ("reserved before", KeysetScan.ReservedBefore),
            ("claims without job", KeysetScan.ClaimsWithoutJob),
        })
        {
            yield return ($"{name}, first page", scan.First, scanner.Args(scan, at, null));
            yield return ($"{name}, next page", scan.Next, scanner.Args(scan, at, after));
        }

        // A dead silo's active jobs (cluster failover): ix_transfer_job_active_silo_created.
        const string silo = "127.0.0.1:11111@155400000";
        yield return ("active on silo, first page", KeysetScan.ActiveOnSilo.First, scanner.Args(KeysetScan.ActiveOnSilo, null, null, silo));
        yield return ("active on silo, next page", KeysetScan.ActiveOnSilo.Next, scanner.Args(KeysetScan.ActiveOnSilo, null, after, silo));

        // A silo starting in a cluster: active jobs on no live silo (ix_transfer_job_active_created).
        string[] live = [silo, "127.0.0.1:11112@155400000"];
        var notOnLive = KeysetScan.ActiveNotOnSilos(live.Length);
        yield return ("active not on live silos, first page", notOnLive.First, scanner.Args(notOnLive, null, null, silos: live));
        yield return ("active not on live silos, next page", notOnLive.Next, scanner.Args(notOnLive, null, after, silos: live));

        var token = new JobListPosition(at, Guid.NewGuid()).ToToken();
        foreach (var query in new JobListQuery[]
        {
            new(null, IncludeFinal: true),
            new(null, IncludeFinal: false),
            new("owner7", IncludeFinal: false),
            new("owner7", IncludeFinal: true),
            new(null, IncludeFinal: false, States: [JobState.Queued, JobState.TransientError]),
            new("owner7", IncludeFinal: true, States: [JobState.Acknowledged]),
            new(null, IncludeFinal: true, Priority: JobPriority.High),
            new(null, IncludeFinal: false, NamePrefix: "job 1"),
            new("owner7", IncludeFinal: false, CreatedAfter: s_start.AddHours(1), CreatedBefore: s_start.AddHours(2)),
            new(null, IncludeFinal: true, CreatedAfter: s_start.AddHours(1)),
        })
        {
            foreach (var page in new[] { query, query with { ContinuationToken = token } })
            {
                var (sql, args) = JobListCommand.Build(database, page, JobLimits.DefaultListPageSize);
                yield return ($"list {page}", sql, args);
            }
        }

        var id = database.ToDbId(Guid.Parse("00000007-0000-4000-8000-000000000007"));
        yield return ("find", DapperJobCatalog.FindSql, new { JobId = id });
        yield return ("release", DapperJobCatalog.ReleaseSql, new { JobId = id });
        yield return ("counts", DapperJobCatalog.CountsSql, new { Owner = "owner7" });
        // The holders are read only for the paths an insert did not claim: few. (For hundreds of them in a table of
        // 55,000 claims PostgreSQL reads the table, with the list as one array and as named parameters alike.)
        string[] claimed = ["owner|/data/1", "owner|/data/2"];
        var (holders, paths) = DestinationClaims.HoldersQuery(database, claimed);
        yield return ("claim holders", holders, paths);
        var (insert, insertArgs) = DestinationClaims.InsertStatement(database, id, claimed);
        yield return ("claim insert", insert, insertArgs);
    }

    private static async Task<string> ExplainAsync(System.Data.Common.DbConnection connection, StorageProfile profile, string sql, object args)
    {
        if (profile == StorageProfile.Sqlite)
        {
            var rows = await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, args);
            return string.Join("\n", rows.Select(r => (string)((IDictionary<string, object>)r)["detail"]));
        }

        return string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + sql, args));
    }

    // SQLite: "SCAN t" reads the table, "SCAN t USING INDEX i" walks an index in its order (and stops after a page),
    // "SEARCH" reads a range ("SCAN page" reads a page the statement made). PostgreSQL: a Seq Scan of a table that grows
    // with the jobs or owners (the total's one row may).
    private static string? FullScan(StorageProfile profile, string plan) => (profile == StorageProfile.Sqlite
            ? SqliteTableScan().Match(plan)
            : PostgresTableScan().Match(plan)) is { Success: true } match
        ? match.Value
        : null;

    [GeneratedRegex(@"SCAN transfer_\w+$", RegexOptions.Multiline)]
    private static partial Regex SqliteTableScan();

    [GeneratedRegex(@"Seq Scan on (transfer_job|transfer_destination|transfer_job_reservation|transfer_job_count)\b")]
    private static partial Regex PostgresTableScan();
}
