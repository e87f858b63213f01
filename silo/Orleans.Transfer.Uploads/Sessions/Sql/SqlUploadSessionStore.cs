using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>
/// The upload server's sessions in one SQL table (SQLite or PostgreSQL, through Dapper), for an ASP.NET Core app without
/// Orleans; every process pointed at the same database shares them. The table and its last-activity index are created
/// on first use when missing.
/// </summary>
internal sealed partial class SqlUploadSessionStore : IUploadSessionStore, IAsyncDisposable
{
    // The PostgreSQL advisory lock that makes "count, then insert" one step ("XFERUPSS"); SQLite's write lock does it there.
    private const long CreateLockKey = 0x58_46_45_52_55_50_53_53;

    private readonly SqlUploadSessionDialect _dialect;
    private readonly string _table;
    private readonly ILogger<SqlUploadSessionStore> _logger;
    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly string _insertSql;
    private readonly string _countSql;
    private readonly string _findSql;
    private readonly string _updateSql;
    private readonly string _deleteSql;
    private readonly string _idleSql;
    private bool _tableReady;

    public SqlUploadSessionStore(IOptions<SqlUploadSessionStoreOptions> options, ILogger<SqlUploadSessionStore> logger)
    {
        _dialect = SqlUploadSessionDialect.Create(options.Value);
        _table = options.Value.TableName;
        _logger = logger;

        // The table name is validated at start (letters, digits, '_'); every value is a parameter.
        const string Columns = """
            id AS Id, directory AS Directory, relative_path AS RelativePath, user_name AS UserName, total_bytes AS TotalBytes,
            received_bytes AS ReceivedBytes, phase AS Phase, created AS Created, last_activity AS LastActivity,
            reply_token AS ReplyToken, reply_static_url AS ReplyStaticUrl, version AS Version,
            lease_holder AS LeaseHolder, lease_expires AS LeaseExpires
            """;
        _insertSql = $"""
            INSERT INTO {_table} (id, directory, relative_path, user_name, total_bytes, received_bytes, phase, created,
                last_activity, reply_token, reply_static_url, version, lease_holder, lease_expires)
            VALUES (@Id, @Directory, @RelativePath, @UserName, @TotalBytes, @ReceivedBytes, @Phase, @Created,
                @LastActivity, @ReplyToken, @ReplyStaticUrl, @Version, @LeaseHolder, @LeaseExpires)
            """;
        _countSql = $"SELECT COUNT(*) FROM {_table}";
        _findSql = $"SELECT {Columns} FROM {_table} WHERE id = @Id";
        _updateSql = $"""
            UPDATE {_table} SET directory = @Directory, relative_path = @RelativePath, user_name = @UserName,
                total_bytes = @TotalBytes, received_bytes = @ReceivedBytes, phase = @Phase, created = @Created,
                last_activity = @LastActivity, reply_token = @ReplyToken, reply_static_url = @ReplyStaticUrl, version = @Version,
                lease_holder = @LeaseHolder, lease_expires = @LeaseExpires
            WHERE id = @Id AND version = @ExpectedVersion
            """;
        _deleteSql = $"DELETE FROM {_table} WHERE id = @Id";
        _idleSql = $"SELECT {Columns} FROM {_table} WHERE last_activity < @Before ORDER BY last_activity LIMIT @Max";
    }

    public async Task<bool> TryCreateAsync(UploadSession session, int maxSessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _dialect.LockAsync(connection, transaction, CreateLockKey, cancellationToken).ConfigureAwait(false);
        var count = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(_countSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (count >= maxSessions)
        {
            return false;
        }

        await connection.ExecuteAsync(
            new CommandDefinition(_insertSql, Parameters(session, expectedVersion: null), transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<UploadSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UploadSessionRow>(
            new CommandDefinition(_findSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ToSession(row);
    }

    public async Task<bool> TryUpdateAsync(UploadSession updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One statement: the database re-checks the version under the row's write lock, so of two racing updates from
        // the same version exactly one changes the row.
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            _updateSql, Parameters(updated, expectedVersion: updated.Version - 1), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(
            new CommandDefinition(_deleteSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return deleted == 1;
    }

    public async Task<IReadOnlyList<UploadSession>> ListIdleAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UploadSessionRow>(new CommandDefinition(
            _idleSql, new { Before = _dialect.ToDbTime(before), Max = max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(ToSession)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        _ready.Dispose();
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _tableReady))
        {
            await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dialect.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    // Once per process; a failure (database down) is retried by the next call. Processes starting together serialize
    // the DDL on the same lock as creates.
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tableReady)
            {
                return;
            }

            await using var connection = await _dialect.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await _dialect.ConfigureAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await _dialect.LockAsync(connection, transaction, CreateLockKey, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                _dialect.CreateTableSql(_table), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await _dialect.AddMissingColumnsAsync(connection, transaction, _table, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _tableReady, true);
            LogTableReady(_logger, _table, _dialect.Description);
        }
        finally
        {
            _ready.Release();
        }
    }

    private object Parameters(UploadSession session, long? expectedVersion) => new
    {
        session.Id,
        session.Directory,
        session.RelativePath,
        UserName = session.User,
        session.TotalBytes,
        session.ReceivedBytes,
        Phase = (int)session.Phase,
        Created = _dialect.ToDbTime(session.Created),
        LastActivity = _dialect.ToDbTime(session.LastActivity),
        session.ReplyToken,
        session.ReplyStaticUrl,
        session.Version,
        session.LeaseHolder,
        LeaseExpires = session.LeaseExpires is { } expires ? _dialect.ToDbTime(expires) : null,
        ExpectedVersion = expectedVersion,
    };

    private UploadSession ToSession(UploadSessionRow row) => new(
        row.Id,
        row.Directory,
        row.RelativePath,
        row.UserName,
        row.TotalBytes,
        row.ReceivedBytes,
        (UploadSessionPhase)row.Phase,
        _dialect.FromDbTime(row.Created),
        _dialect.FromDbTime(row.LastActivity),
        row.ReplyToken,
        row.ReplyStaticUrl,
        row.Version,
        row.LeaseHolder,
        row.LeaseExpires is { } expires ? _dialect.FromDbTime(expires) : null);
}
