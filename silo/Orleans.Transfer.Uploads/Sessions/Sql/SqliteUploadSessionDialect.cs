using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

internal sealed class SqliteUploadSessionDialect : SqlUploadSessionDialect
{
    // Fixed width and always UTC, so text order is time order and the last-activity index orders by time.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: concurrent packets wait for the one writer.
    private const int BusyTimeoutSeconds = 30;

    // Appended after the first version of the table: a table made then gets them at the next start.
    private static readonly string[] s_addedColumns = ["lease_holder", "lease_expires"];

    private readonly string _connectionString;

    public SqliteUploadSessionDialect(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < BusyTimeoutSeconds)
        {
            builder.DefaultTimeout = BusyTimeoutSeconds;
        }

        _connectionString = builder.ToString();
        Description = $"SQLite database '{builder.DataSource}'";
    }

    public override string Description { get; }

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override string CreateTableSql(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table}
        (
            id               TEXT    NOT NULL PRIMARY KEY,
            directory        TEXT    NOT NULL,
            relative_path    TEXT    NOT NULL,
            user_name        TEXT    NULL,
            total_bytes      INTEGER NULL,
            received_bytes   INTEGER NOT NULL,
            phase            INTEGER NOT NULL,
            created          TEXT    NOT NULL,
            last_activity    TEXT    NOT NULL,
            reply_token      TEXT    NULL,
            reply_static_url TEXT    NULL,
            version          INTEGER NOT NULL,
            lease_holder     TEXT    NULL,
            lease_expires    TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_{table}_last_activity ON {table} (last_activity);
        """;

    // SQLite has no ADD COLUMN IF NOT EXISTS: the table's own column list says what is missing.
    public override async Task AddMissingColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var columns = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM pragma_table_info(@Table)", new { Table = table }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var column in s_addedColumns.Where(c => !columns.Contains(c)))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE {table} ADD COLUMN {column} TEXT NULL", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    // WAL lets readers run beside the one writer; the setting is stored in the file, so once is enough.
    public override Task ConfigureAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken));

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which already holds the file's write lock.
    public override Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override object ToDbTime(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset FromDbTime(object value) => DateTimeOffset.ParseExact(
        (string)value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
