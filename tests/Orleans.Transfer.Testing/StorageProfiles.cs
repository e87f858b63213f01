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
        var schema = schemaPrefix + "_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new Dictionary<string, string>
        {
            ["XFER_STORAGE"] = "PostgreSql",
            ["XFER_POSTGRES"] = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema }.ToString(),
        };
    }
}
