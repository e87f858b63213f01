using Npgsql;

namespace Orleans.Transfer.Testing;

/// <summary>Environment for the silo process per storage profile; PostgreSQL gets a fresh schema per test.</summary>
public static class StorageProfiles
{
    public const string PostgresVariable = "XFER_TEST_POSTGRES";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <param name="profile"><c>Sqlite</c> or <c>PostgreSql</c>.</param>
    /// <param name="schemaPrefix">Names the fresh PostgreSQL schema, so a leftover one tells which suite made it.</param>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentForAsync(string profile, string schemaPrefix = "crash")
    {
        if (profile == "Sqlite")
        {
            return new Dictionary<string, string> { ["XFER_STORAGE"] = "Sqlite" };
        }

        var baseConnection = PostgresConnectionString ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set and CI=true: start PostgreSQL with eval \"$(scripts/postgres.sh start)\" (scripts/test.sh does).");
        return new Dictionary<string, string>
        {
            ["XFER_STORAGE"] = "PostgreSql",
            ["XFER_POSTGRES"] = await CreateSchemaAsync(baseConnection, schemaPrefix + "_" + Guid.NewGuid().ToString("N")),
        };
    }

    /// <summary>Creates <paramref name="schema"/> on the test server; returns a connection string that works in it.</summary>
    public static async Task<string> CreateSchemaAsync(string baseConnection, string schema)
    {
        await ExecuteAsync(baseConnection, $"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema }.ToString();
    }

    public static Task DropSchemaAsync(string baseConnection, string schema) =>
        ExecuteAsync(baseConnection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
