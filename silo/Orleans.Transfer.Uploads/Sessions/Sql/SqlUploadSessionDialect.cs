using System.Data.Common;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>What differs between SQLite and PostgreSQL for the session table: connections, DDL, times, and the create lock.</summary>
internal abstract class SqlUploadSessionDialect
{
    /// <summary>Where the database is, for messages; never holds credentials.</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The statements that create <paramref name="table"/> and its index when missing.</summary>
    public abstract string CreateTableSql(string table);

    /// <summary>
    /// Adds the columns appended since the table was first created (the session's write lease), inside the DDL
    /// transaction: tables made by an older version stay usable.
    /// </summary>
    public abstract Task AddMissingColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken);

    /// <summary>Per-database settings, once, before the table is created and outside any transaction.</summary>
    public virtual Task ConfigureAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Serializes <paramref name="transaction"/> against every other one taking the lock named by <paramref name="key"/>
    /// until it ends: the session count and the insert that follows it must be one step.
    /// </summary>
    public abstract Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken);

    public abstract object ToDbTime(DateTimeOffset value);

    public abstract DateTimeOffset FromDbTime(object value);

    public static SqlUploadSessionDialect Create(SqlUploadSessionStoreOptions options) => options.Provider switch
    {
        SqlUploadSessionProvider.Sqlite => new SqliteUploadSessionDialect(options.ConnectionString),
        SqlUploadSessionProvider.PostgreSql => new PostgresUploadSessionDialect(options.ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown upload session store provider."),
    };
}
