using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Transfer.Storage.Data;
using Orleans.Transfer.Storage.Schema;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// A fresh, empty database per test: a temporary directory for SQLite, a new schema (via Search Path) for PostgreSQL,
/// so reruns and parallel tests never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "XFER_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _schema;

    private TestDatabase(TransferStorageOptions options, string? directory, string? schema)
    {
        Options = options;
        _directory = directory;
        _schema = schema;
        Database = StorageDatabase.Create(options);
    }

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public TransferStorageOptions Options { get; }

    internal StorageDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(StorageProfile profile)
    {
        if (profile == StorageProfile.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "xfer-storage-tests", Guid.NewGuid().ToString("N"));
            return new TestDatabase(new TransferStorageOptions { Profile = profile, DataDirectory = directory }, directory, null);
        }

        var baseConnection = PostgresConnectionString ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set and CI=true, so PostgreSQL tests must run: "
            + "start a server with eval \"$(scripts/postgres.sh start)\" before dotnet test.");
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.ExecuteAsync($"CREATE SCHEMA {schema}");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema }.ToString();
        return new TestDatabase(new TransferStorageOptions { Profile = profile, ConnectionString = connectionString }, null, schema);
    }

    internal SchemaBootstrapper CreateBootstrapper(TimeProvider? timeProvider = null) =>
        new(Database, Options, timeProvider ?? TimeProvider.System, NullLogger<SchemaBootstrapper>.Instance);

    public async ValueTask DisposeAsync()
    {
        if (Database is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_schema is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }

        if (_directory is not null)
        {
            // Pooled connections keep the file open.
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
