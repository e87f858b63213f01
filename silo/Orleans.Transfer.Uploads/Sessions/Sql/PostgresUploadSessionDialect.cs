using System.Data.Common;
using Dapper;
using Npgsql;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

internal sealed class PostgresUploadSessionDialect : SqlUploadSessionDialect, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresUploadSessionDialect(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database ?? builder.Username}'";
    }

    public override string Description { get; }

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override string CreateTableSql(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table}
        (
            id               varchar(100) NOT NULL PRIMARY KEY,
            directory        text         NOT NULL,
            relative_path    text         NOT NULL,
            user_name        text         NULL,
            total_bytes      bigint       NULL,
            received_bytes   bigint       NOT NULL,
            phase            integer      NOT NULL,
            created          timestamptz  NOT NULL,
            last_activity    timestamptz  NOT NULL,
            reply_token      text         NULL,
            reply_static_url text         NULL,
            version          bigint       NOT NULL,
            lease_holder     text         NULL,
            lease_expires    timestamptz  NULL
        );
        CREATE INDEX IF NOT EXISTS ix_{table}_last_activity ON {table} (last_activity);
        """;

    public override Task AddMissingColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            ALTER TABLE {table} ADD COLUMN IF NOT EXISTS lease_holder text NULL;
            ALTER TABLE {table} ADD COLUMN IF NOT EXISTS lease_expires timestamptz NULL;
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));

    public override Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Key)", new { Key = key }, transaction, cancellationToken: cancellationToken));

    public override object ToDbTime(DateTimeOffset value) => value.ToUniversalTime();

    // Npgsql reads timestamptz as a UTC DateTime.
    public override DateTimeOffset FromDbTime(object value) => value switch
    {
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        DateTimeOffset dateTimeOffset => dateTimeOffset.ToUniversalTime(),
        _ => throw new InvalidCastException($"Unexpected timestamp value of type {value.GetType()}."),
    };

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
