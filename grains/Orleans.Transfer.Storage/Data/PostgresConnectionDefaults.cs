using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// What the service adds to a PostgreSQL connection string the operator did not decide. Npgsql prepares no statement
/// by default, so PostgreSQL parses and plans every statement of every write again: with auto-prepare a create costs
/// the server 0.6× the CPU and 10,000 creates run 1.2× as fast (docs/benchmarks.md, scale). A connection string that
/// names <c>Max Auto Prepare</c> itself keeps its value (0 turns it off, as a transaction-pooling proxy needs).
/// Npgsql also resets every pooled connection at its next use, seven statements parsed anew each time (RESET ALL,
/// pg_advisory_unlock_all(), ...), ~9 per create: the service leaves no session state behind (no SET, session lock,
/// LISTEN, cursor or temporary table; its locks are transaction locks), so <c>No Reset On Close</c> is on unless named.
/// </summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>Distinct statements kept prepared per connection: the service's writes and reads are a few dozen.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Uses of a statement before it is prepared: one-off statements (schema, maintenance) are not.</summary>
    public const int AutoPrepareMinUsages = 2;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = given.Keys.Cast<string>().Select(Normalized).ToHashSet(StringComparer.Ordinal);
        var (prepare, reset) = (!named.Contains("maxautoprepare"), !named.Contains("noresetonclose"));
        if (!prepare && !reset)
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (prepare)
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        if (reset)
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static string Normalized(string keyword) =>
        keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
}
