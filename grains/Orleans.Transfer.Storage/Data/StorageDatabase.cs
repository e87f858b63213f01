using System.Data.Common;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// What differs between the two profiles: how to connect, how ids and times are stored, and how to serialize writers.
/// The SQL text itself is shared wherever both dialects accept it.
/// </summary>
internal abstract class StorageDatabase
{
    public abstract StorageProfile Profile { get; }

    /// <summary>The invariant name the Orleans AdoNet providers use to find the ADO.NET driver.</summary>
    public abstract string AdoNetInvariant { get; }

    /// <summary>The connection string handed to the Orleans AdoNet providers.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The folder under Sql/ that holds this profile's schema scripts.</summary>
    public abstract string ScriptFolder { get; }

    /// <summary>Where the database is, for messages; never includes credentials.</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and returns once that transaction committed. Every write goes
    /// through here, so a profile can order or group its writers (see <see cref="SqliteWriteQueue"/>).
    /// </summary>
    public virtual async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs before the first connection is opened at start.</summary>
    public virtual void PrepareLocation()
    {
    }

    /// <summary>Per-database settings applied once at start, outside any transaction.</summary>
    public virtual Task ConfigureDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after the scripts, in their transaction: what a dialect cannot say idempotently in SQL (SQLite has no
    /// ADD COLUMN IF NOT EXISTS).
    /// </summary>
    public virtual Task CompleteSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Serializes <paramref name="transaction"/> against every other transaction taking the same lock, until it ends.
    /// </summary>
    public abstract Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken cancellationToken);

    public abstract object ToDbTime(DateTimeOffset value);

    public abstract DateTimeOffset FromDbTime(object value);

    public abstract object ToDbId(Guid value);

    public abstract Guid FromDbId(object value);

    public static StorageDatabase Create(TransferStorageOptions options) => options.Profile switch
    {
        StorageProfile.Sqlite => new SqliteStorageDatabase(options.SqliteDatabasePath),
        StorageProfile.PostgreSql when !string.IsNullOrWhiteSpace(options.ConnectionString) =>
            new PostgresStorageDatabase(options.ConnectionString),
        StorageProfile.PostgreSql => throw new InvalidOperationException(
            $"{TransferStorageOptions.SectionName}:ConnectionString is required for the PostgreSql profile."),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Profile, "Unknown storage profile."),
    };
}
