using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.History;

internal sealed class DapperJobHistory(StorageDatabase database) : IJobHistory
{
    // Numbered after the job's last entry; nothing for a job whose catalog row is gone (purged while the entry waited).
    private const string AppendSql = """
        INSERT INTO transfer_job_history (job_id, seq, at, kind, state, code, message)
        SELECT @JobId, COALESCE((SELECT MAX(seq) FROM transfer_job_history WHERE job_id = @JobId), 0) + 1, @At, @Kind, @State, @Code, @Message
        WHERE EXISTS (SELECT 1 FROM transfer_job WHERE id = @JobId)
        """;

    private const string TrimSql = """
        DELETE FROM transfer_job_history
        WHERE job_id = @JobId AND seq <= (SELECT MAX(seq) FROM transfer_job_history WHERE job_id = @JobId) - @Kept
        """;

    // PostgreSQL: every entry of a write in one statement, and every job's trim in another, instead of two statements
    // per entry (statements, not rows, are what a create costs there: each create writes one entry). Numbered as above,
    // in the write's order within each job.
    private const string PostgresAppendSql = """
        INSERT INTO transfer_job_history (job_id, seq, at, kind, state, code, message)
        SELECT r.job_id,
               COALESCE((SELECT MAX(h.seq) FROM transfer_job_history h WHERE h.job_id = r.job_id), 0)
                   + ROW_NUMBER() OVER (PARTITION BY r.job_id ORDER BY r.n),
               r.at, r.kind, r.state, r.code, r.message
        FROM unnest(@JobIds, @Ats, @Kinds, @States, @Codes, @Messages) WITH ORDINALITY AS r (job_id, at, kind, state, code, message, n)
        WHERE EXISTS (SELECT 1 FROM transfer_job WHERE id = r.job_id)
        """;

    private const string PostgresTrimSql = """
        DELETE FROM transfer_job_history h USING unnest(@JobIds) AS j (job_id)
        WHERE h.job_id = j.job_id AND h.seq <= (SELECT MAX(seq) FROM transfer_job_history WHERE job_id = j.job_id) - @Kept
        """;

    private const string ReadSql = """
        SELECT seq AS Seq, at AS At, kind AS Kind, state AS State, code AS Code, message AS Message
        FROM transfer_job_history WHERE job_id = @JobId AND seq > @After ORDER BY seq LIMIT @Limit
        """;

    private const string FirstSql = "SELECT MIN(seq) FROM transfer_job_history WHERE job_id = @JobId";

    public async Task AppendAsync(IReadOnlyList<JobHistoryRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        if (database.Profile != StorageProfile.Sqlite)
        {
            await AppendOnPostgresAsync(records, cancellationToken);
            return;
        }

        var rows = records.Select(r => new
        {
            JobId = database.ToDbId(r.JobId),
            At = database.ToDbTime(r.At),
            Kind = (int)r.Kind,
            State = (int)r.State,
            r.Code,
            r.Message,
        }).ToList();
        var jobs = records.Select(r => r.JobId).Distinct().Select(id => new { JobId = database.ToDbId(id), Kept = JobLimits.HistoryEntriesKept }).ToList();
        await database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(AppendSql, rows, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(TrimSql, jobs, transaction, cancellationToken: ct));
            },
            cancellationToken);
    }

    private async Task AppendOnPostgresAsync(IReadOnlyList<JobHistoryRecord> records, CancellationToken cancellationToken)
    {
        var entries = new
        {
            JobIds = records.Select(r => r.JobId).ToArray(),
            Ats = records.Select(r => (DateTimeOffset)database.ToDbTime(r.At)).ToArray(),
            Kinds = records.Select(r => (int)r.Kind).ToArray(),
            States = records.Select(r => (int)r.State).ToArray(),
            Codes = records.Select(r => r.Code).ToArray(),
            Messages = records.Select(r => r.Message).ToArray(),
        };
        var jobs = new { JobIds = records.Select(r => r.JobId).Distinct().ToArray(), Kept = JobLimits.HistoryEntriesKept };
        await database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(PostgresAppendSql, entries, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(PostgresTrimSql, jobs, transaction, cancellationToken: ct));
            },
            cancellationToken);
    }

    public async Task<JobHistoryPage> ReadAsync(Guid jobId, long after, int limit, CancellationToken cancellationToken = default)
    {
        var args = new { JobId = database.ToDbId(jobId), After = after, Limit = limit };
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var first = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FirstSql, args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ReadSql, args, cancellationToken: cancellationToken));
        var events = rows.Select(ToEntry).ToList();
        return new JobHistoryPage(jobId, events, first is { } seq ? seq - 1 : 0, events.Count > 0 ? events[^1].Seq : after);
    }

    private JobHistoryEntry ToEntry(Row row) =>
        new(row.Seq, database.FromDbTime(row.At), (JobHistoryKind)row.Kind, (JobState)row.State, row.Code, row.Message);

    // Dapper fills it by column name; the time's type differs by profile (text or timestamptz).
    private sealed class Row
    {
        public long Seq { get; init; }

        public object At { get; init; } = "";

        public int Kind { get; init; }

        public int State { get; init; }

        public string? Code { get; init; }

        public string Message { get; init; } = "";
    }
}
