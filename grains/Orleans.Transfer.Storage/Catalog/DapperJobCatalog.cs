using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

internal sealed class DapperJobCatalog(StorageDatabase database) : IJobCatalog
{
    private const string UpsertSql = """
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred,
                                  files_total, files_transferred, created, modified)
        VALUES (@Id, @Owner, @DisplayName, @State, @Priority, @BytesTotal, @BytesTransferred,
                @FilesTotal, @FilesTransferred, @Created, @Modified)
        ON CONFLICT (id) DO UPDATE SET
            owner = excluded.owner,
            display_name = excluded.display_name,
            state = excluded.state,
            priority = excluded.priority,
            bytes_total = excluded.bytes_total,
            bytes_transferred = excluded.bytes_transferred,
            files_total = excluded.files_total,
            files_transferred = excluded.files_transferred,
            created = excluded.created,
            modified = excluded.modified
        """;

    public async Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var args = new
        {
            Id = database.ToDbId(entry.Id),
            entry.Owner,
            entry.DisplayName,
            State = (int)entry.State,
            Priority = (int)entry.Priority,
            entry.BytesTotal,
            entry.BytesTransferred,
            entry.FilesTotal,
            entry.FilesTransferred,
            Created = database.ToDbTime(entry.Created),
            Modified = database.ToDbTime(entry.Modified),
        };
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(UpsertSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    private const string DeleteDestinationsSql = "DELETE FROM transfer_destination WHERE job_id = @JobId";
    private const string DeleteJobSql = "DELETE FROM transfer_job WHERE id = @JobId";

    public async Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var args = new { JobId = database.ToDbId(jobId) };
        await database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteDestinationsSql, args, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(DeleteJobSql, args, transaction, cancellationToken: ct));
            },
            cancellationToken);
    }

    private const string ListActiveSql = "SELECT id AS Id FROM transfer_job WHERE state IN (@Queued, @Connecting, @Transferring, @TransientError) ORDER BY created, id";

    public async Task<IReadOnlyList<Guid>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IdRow>(new CommandDefinition(
            ListActiveSql,
            new
            {
                Queued = (int)JobState.Queued,
                Connecting = (int)JobState.Connecting,
                Transferring = (int)JobState.Transferring,
                TransientError = (int)JobState.TransientError,
            },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => database.FromDbId(r.Id))];
    }

    private const string CountUnfinishedSql = """
        SELECT COUNT(*) FILTER (WHERE owner = @Owner) AS Owner, COUNT(*) AS "All"
        FROM transfer_job WHERE state NOT IN (@Acknowledged, @Cancelled)
        """;

    public async Task<UnfinishedJobCounts> CountUnfinishedAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<CountRow>(new CommandDefinition(
            CountUnfinishedSql,
            new { Owner = owner, Acknowledged = (int)JobState.Acknowledged, Cancelled = (int)JobState.Cancelled },
            cancellationToken: cancellationToken));
        return new UnfinishedJobCounts((int)counts.Owner, (int)counts.All);
    }

    private const string ListUnfinishedModifiedBeforeSql = """
        SELECT id AS Id FROM transfer_job
        WHERE state NOT IN (@Acknowledged, @Cancelled) AND modified < @Before
        ORDER BY modified, id
        """;

    public async Task<IReadOnlyList<Guid>> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IdRow>(new CommandDefinition(
            ListUnfinishedModifiedBeforeSql,
            new { Before = database.ToDbTime(before), Acknowledged = (int)JobState.Acknowledged, Cancelled = (int)JobState.Cancelled },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => database.FromDbId(r.Id))];
    }

    private const string ListFinalModifiedBeforeSql = """
        SELECT id AS Id FROM transfer_job
        WHERE state IN (@Acknowledged, @Cancelled) AND modified < @Before
        ORDER BY modified, id
        """;

    public async Task<IReadOnlyList<Guid>> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IdRow>(new CommandDefinition(
            ListFinalModifiedBeforeSql,
            new { Before = database.ToDbTime(before), Acknowledged = (int)JobState.Acknowledged, Cancelled = (int)JobState.Cancelled },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => database.FromDbId(r.Id))];
    }

    private const string PageSelectSql = """
        SELECT id AS Id, owner AS Owner, display_name AS DisplayName, state AS State, priority AS Priority,
               bytes_total AS BytesTotal, bytes_transferred AS BytesTransferred, files_total AS FilesTotal,
               files_transferred AS FilesTransferred, created AS Created, modified AS Modified
        FROM transfer_job
        """;

    public async Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            PageSelectSql + " WHERE id = @JobId", new { JobId = database.ToDbId(jobId) }, cancellationToken: cancellationToken));
        return row is null ? null : ToEntry(row);
    }

    public async Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = JobListQueries.PageSize(query);
        var after = query.ContinuationToken is { } token ? JobListPosition.FromToken(token) : (JobListPosition?)null;

        // Only the filters the query sets become conditions, so the planner can use ix_transfer_job_created for the
        // keyset (created, id) > (last created, last id) and stop after one page.
        var conditions = new List<string>();
        var args = new DynamicParameters();
        if (query.Owner is not null)
        {
            conditions.Add("owner = @Owner");
            args.Add("Owner", query.Owner);
        }

        if (!query.IncludeFinal)
        {
            conditions.Add("state NOT IN (@Acknowledged, @Cancelled)");
            args.Add("Acknowledged", (int)JobState.Acknowledged);
            args.Add("Cancelled", (int)JobState.Cancelled);
        }

        if (query.States is { } states)
        {
            var names = states.Distinct().Select((s, i) =>
            {
                args.Add($"State{i}", (int)s);
                return $"@State{i}";
            }).ToList();
            conditions.Add(names.Count == 0 ? "1 = 0" : $"state IN ({string.Join(", ", names)})");
        }

        if (query.Priority is { } priority)
        {
            conditions.Add("priority = @Priority");
            args.Add("Priority", (int)priority);
        }

        if (!string.IsNullOrEmpty(query.NamePrefix))
        {
            // substr compares exactly (case-sensitive, no LIKE wildcards) in both dialects; both count code points.
            conditions.Add("substr(display_name, 1, @PrefixLength) = @NamePrefix");
            args.Add("NamePrefix", query.NamePrefix);
            args.Add("PrefixLength", query.NamePrefix.EnumerateRunes().Count());
        }

        if (query.CreatedAfter is { } createdAfter)
        {
            conditions.Add("created >= @CreatedAfter");
            args.Add("CreatedAfter", database.ToDbTime(createdAfter));
        }

        if (query.CreatedBefore is { } createdBefore)
        {
            conditions.Add("created < @CreatedBefore");
            args.Add("CreatedBefore", database.ToDbTime(createdBefore));
        }

        if (after is { } position)
        {
            conditions.Add("(created > @AfterCreated OR (created = @AfterCreated AND id > @AfterId))");
            args.Add("AfterCreated", database.ToDbTime(position.Created));
            args.Add("AfterId", database.ToDbId(position.Id));
        }

        args.Add("Take", pageSize + 1);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var sql = $"{PageSelectSql} {where} ORDER BY created, id LIMIT @Take";

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        var entries = rows.Select(ToEntry).ToList();
        if (entries.Count <= pageSize)
        {
            return new JobCatalogPage(entries, null);
        }

        entries.RemoveAt(pageSize);
        var last = entries[^1];
        return new JobCatalogPage(entries, new JobListPosition(last.Created, last.Id).ToToken());
    }

    // Claims the path, or leaves it alone and reports who holds it: RETURNING yields the holder either way.
    private const string ClaimSql = """
        INSERT INTO transfer_destination (local_path, job_id) VALUES (@LocalPath, @JobId)
        ON CONFLICT (local_path) DO UPDATE SET job_id = transfer_destination.job_id
        RETURNING job_id
        """;

    public async Task<string?> TryClaimDestinationsAsync(
        Guid jobId,
        IReadOnlyList<string> localPaths,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPaths);
        var dbJobId = database.ToDbId(jobId);
        try
        {
            await database.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    await database.LockAsync(connection, transaction, StorageLockKeys.DestinationClaims, ct);
                    foreach (var path in localPaths.Distinct(StringComparer.Ordinal))
                    {
                        var holder = await connection.ExecuteScalarAsync<object>(new CommandDefinition(
                            ClaimSql, new { LocalPath = path, JobId = dbJobId }, transaction, cancellationToken: ct));
                        if (database.FromDbId(holder!) != jobId)
                        {
                            // Throwing rolls back the paths claimed so far (the write's savepoint or transaction): all or none.
                            throw new DestinationTakenException(path);
                        }
                    }

                    return 0;
                },
                cancellationToken);
            return null;
        }
        catch (DestinationTakenException taken)
        {
            return taken.Path;
        }
    }

    // A claim whose job has no catalog row: a create that failed or crashed between claiming and writing, or a job
    // whose row was not written yet. The grain tells which.
    private const string ClaimsWithoutJobSql = """
        SELECT DISTINCT d.job_id AS Id FROM transfer_destination d
        WHERE NOT EXISTS (SELECT 1 FROM transfer_job j WHERE j.id = d.job_id)
        """;

    public async Task<IReadOnlyList<Guid>> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IdRow>(new CommandDefinition(ClaimsWithoutJobSql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => database.FromDbId(r.Id))];
    }

    public async Task ReleaseDestinationsAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var args = new { JobId = database.ToDbId(jobId) };
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(DeleteDestinationsSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    private JobCatalogEntry ToEntry(JobRow row) => new(
        database.FromDbId(row.Id),
        row.DisplayName,
        (JobState)row.State,
        (JobPriority)row.Priority,
        row.Owner,
        row.BytesTotal,
        row.BytesTransferred,
        (int)row.FilesTotal,
        (int)row.FilesTransferred,
        database.FromDbTime(row.Created),
        database.FromDbTime(row.Modified));

    // Ids and times arrive as the dialect stores them (GUID text or uuid, ISO text or timestamptz).
    private sealed class JobRow
    {
        public object Id { get; init; } = default!;
        public string Owner { get; init; } = default!;
        public string DisplayName { get; init; } = default!;
        public long State { get; init; }
        public long Priority { get; init; }
        public long? BytesTotal { get; init; }
        public long BytesTransferred { get; init; }
        public long FilesTotal { get; init; }
        public long FilesTransferred { get; init; }
        public object Created { get; init; } = default!;
        public object Modified { get; init; } = default!;
    }

    // Dapper maps a bare object column to a DapperRow, so even a single id needs a row type.
    private sealed class IdRow
    {
        public object Id { get; init; } = default!;
    }

    private sealed class CountRow
    {
        public long Owner { get; init; }
        public long All { get; init; }
    }

    private sealed class DestinationTakenException(string path) : Exception($"'{path}' is claimed by another job.")
    {
        public string Path { get; } = path;
    }
}
