using Npgsql;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>Environment for the silo process per storage profile; PostgreSQL gets a fresh schema per test.</summary>
internal static class StorageProfiles
{
    public const string PostgresVariable = "XFER_TEST_POSTGRES";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentForAsync(string profile)
    {
        if (profile == "Sqlite")
        {
            return new Dictionary<string, string> { ["XFER_STORAGE"] = "Sqlite" };
        }

        var baseConnection = PostgresConnectionString ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set and CI=true: start PostgreSQL with eval \"$(scripts/postgres.sh start)\" (scripts/test.sh does).");
        var schema = "crash_" + Guid.NewGuid().ToString("N");
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
