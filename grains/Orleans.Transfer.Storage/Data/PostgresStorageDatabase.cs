using System.Data.Common;
using Dapper;
using Npgsql;

namespace Orleans.Transfer.Storage.Data;

internal sealed class PostgresStorageDatabase : StorageDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    public PostgresStorageDatabase(string connectionString)
    {
        // One string for every user of the database (this data source, Orleans' grain storage and clustering).
        ConnectionString = PostgresConnectionDefaults.Apply(connectionString);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database ?? builder.Username}'";
    }

    public override StorageProfile Profile => StorageProfile.PostgreSql;

    public override string AdoNetInvariant => "Npgsql";

    public override string ConnectionString { get; }

    public override string ScriptFolder => "postgresql";

    public override string Description => _description;

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LockKey)",
            new { LockKey = lockKey },
            transaction,
            cancellationToken: cancellationToken));

    public override object ToDbTime(DateTimeOffset value) => value.ToUniversalTime();

    // Npgsql reads timestamptz as a UTC DateTime.
    public override DateTimeOffset FromDbTime(object value) => value switch
    {
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        DateTimeOffset dateTimeOffset => dateTimeOffset.ToUniversalTime(),
        _ => throw new InvalidCastException($"Unexpected timestamp value of type {value.GetType()}."),
    };

    public override object ToDbId(Guid value) => value;

    public override Guid FromDbId(object value) => (Guid)value;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
