using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Storage.Data;

internal sealed class SqliteStorageDatabase : StorageDatabase, IAsyncDisposable
{
    // Fixed width and always UTC, so text order is time order and values round-trip to the tick.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout, which is what lets grain storage,
    // reminders and the catalog share one file without "database is locked" errors under load.
    private const int BusyTimeoutSeconds = 30;

    private readonly string _path;
    private readonly SqliteWriteQueue _writes;

    public SqliteStorageDatabase(string path)
    {
        SqliteConnectionSettings.EnsureRegistered();
        _path = Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        _writes = new SqliteWriteQueue(OpenWriterAsync);
    }

    public override StorageProfile Profile => StorageProfile.Sqlite;

    // The AdoNet providers map this invariant to Microsoft.Data.Sqlite; "Microsoft.Data.Sqlite" itself is not accepted.
    public override string AdoNetInvariant => "System.Data.SQLite";

    public override string ConnectionString { get; }

    public override string ScriptFolder => "sqlite";

    public override string Description => $"SQLite database '{_path}'";

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // The writer's connection keeps its commands' compiled statements (StatementCachingConnection); readers do not.
    private async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        new StatementCachingConnection((SqliteConnection)await OpenConnectionAsync(cancellationToken));

    /// <summary>Queued behind this process's other writes and committed with them (group commit).</summary>
    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _writes.WriteAsync(work, cancellationToken);

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    public override void PrepareLocation()
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    // WAL lets readers run beside the single writer; the setting is stored in the file, so once is enough.
    public override Task ConfigureDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken));

    // Columns appended to the catalog after its first release, as PostgreSQL's 07-job-silo.sql, 08-job-pinned-host.sql
    // and 09-job-complete-when-transferred.sql add them (rows written before read 0: see that script).
    public override async Task CompleteSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var hasSilo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pragma_table_info('transfer_job') WHERE name = 'silo'", transaction: transaction, cancellationToken: cancellationToken));
        if (hasSilo == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "ALTER TABLE transfer_job ADD COLUMN silo TEXT NULL", transaction: transaction, cancellationToken: cancellationToken));
        }

        var hasPinnedHost = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pragma_table_info('transfer_job') WHERE name = 'pinned_host'", transaction: transaction, cancellationToken: cancellationToken));
        if (hasPinnedHost == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "ALTER TABLE transfer_job ADD COLUMN pinned_host TEXT NULL", transaction: transaction, cancellationToken: cancellationToken));
        }

        var hasCompleteWhenTransferred = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pragma_table_info('transfer_job') WHERE name = 'complete_when_transferred'", transaction: transaction, cancellationToken: cancellationToken));
        if (hasCompleteWhenTransferred == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "ALTER TABLE transfer_job ADD COLUMN complete_when_transferred INTEGER NOT NULL DEFAULT 0", transaction: transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE INDEX IF NOT EXISTS ix_transfer_job_active_silo_created ON transfer_job (silo, created, id) WHERE state IN (0, 1, 2, 5);
            CREATE INDEX IF NOT EXISTS ix_transfer_job_completing_created ON transfer_job (created, id) WHERE state = 6 AND complete_when_transferred = 1;
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
    }

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which already takes the file's write lock.
    public override Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override object ToDbTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset FromDbTime(object value) =>
        DateTimeOffset.ParseExact(
            (string)value,
            TimeFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override object ToDbId(Guid value) => value.ToString("D");

    public override Guid FromDbId(object value) => Guid.Parse((string)value);
}
