using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Reminders;

/// <summary>
/// Orleans reminder table over Dapper, one implementation for both profiles (Orleans has no SQLite reminder provider).
/// Rows are keyed by ServiceId, grain id and reminder name; the ETag is a version number bumped on every upsert.
/// </summary>
internal sealed class TransferReminderTable(StorageDatabase database, IOptions<ClusterOptions> clusterOptions) : IReminderTable
{
    private const string Columns =
        "grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ticks AS PeriodTicks, version AS Version";

    private readonly string _serviceId = clusterOptions.Value.ServiceId;

    // Orleans keeps the overloads without a token abstract and forwards the token-taking ones to them by default;
    // here the token-taking ones do the work.

    // The schema is created by SchemaBootstrapper before the reminder service starts.
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private const string ReadGrainSql = $"SELECT {Columns} FROM transfer_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId";

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(ReadGrainSql, new { ServiceId = _serviceId, GrainId = grainId.ToString() }, cancellationToken);

    private const string ReadRangeSql =
        $"SELECT {Columns} FROM transfer_reminder WHERE service_id = @ServiceId AND grain_hash > @Begin AND grain_hash <= @End";

    private const string ReadWrappedRangeSql =
        $"SELECT {Columns} FROM transfer_reminder WHERE service_id = @ServiceId AND (grain_hash > @Begin OR grain_hash <= @End)";

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    // The range is (begin, end] on the hash ring; begin >= end means it wraps past uint.MaxValue.
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        QueryAsync(
            begin < end ? ReadRangeSql : ReadWrappedRangeSql,
            new { ServiceId = _serviceId, Begin = (long)begin, End = (long)end },
            cancellationToken);

    private const string ReadRowSql =
        $"SELECT {Columns} FROM transfer_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName";

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            ReadRowSql,
            new { ServiceId = _serviceId, GrainId = grainId.ToString(), ReminderName = reminderName },
            cancellationToken);

        return rows.Reminders.Count > 0 ? rows.Reminders[0] : null;
    }

    private const string UpsertSql = """
        INSERT INTO transfer_reminder (service_id, grain_id, reminder_name, start_time, period_ticks, grain_hash, version)
        VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @PeriodTicks, @GrainHash, 1)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            start_time = excluded.start_time,
            period_ticks = excluded.period_ticks,
            grain_hash = excluded.grain_hash,
            version = transfer_reminder.version + 1
        RETURNING version
        """;

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var args = new
        {
            ServiceId = _serviceId,
            GrainId = entry.GrainId.ToString(),
            entry.ReminderName,
            StartTime = database.ToDbTime(AsUtc(entry.StartAt)),
            PeriodTicks = entry.Period.Ticks,
            GrainHash = (long)entry.GrainId.GetUniformHashCode(),
        };
        var version = await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteScalarAsync<long>(new CommandDefinition(UpsertSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    private const string RemoveSql = """
        DELETE FROM transfer_reminder
        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
        """;

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        // An ETag this table never issued cannot match any row.
        if (!int.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        var args = new { ServiceId = _serviceId, GrainId = grainId.ToString(), ReminderName = reminderName, Version = version };
        var removed = await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(RemoveSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
        return removed > 0;
    }

    private const string ClearSql = "DELETE FROM transfer_reminder WHERE service_id = @ServiceId";

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(ClearSql, new { ServiceId = _serviceId }, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReminderRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        return new ReminderTableData(rows.Select(r => new ReminderEntry
        {
            GrainId = GrainId.Parse(r.GrainId),
            ReminderName = r.ReminderName,
            StartAt = database.FromDbTime(r.StartTime).UtcDateTime,
            Period = TimeSpan.FromTicks(r.PeriodTicks),
            ETag = r.Version.ToString(CultureInfo.InvariantCulture),
        }));
    }

    // Orleans hands in UTC times, but an Unspecified kind must not be shifted by the local offset.
    private static DateTimeOffset AsUtc(DateTime value) =>
        new(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class ReminderRow
    {
        public string GrainId { get; init; } = default!;
        public string ReminderName { get; init; } = default!;
        public object StartTime { get; init; } = default!;
        public long PeriodTicks { get; init; }
        public long Version { get; init; }
    }
}
