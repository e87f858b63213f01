using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>Checks <see cref="SqlUploadSessionStoreOptions"/> at start; messages name the setting and never echo the connection string.</summary>
internal sealed partial class SqlUploadSessionStoreOptionsValidator : IValidateOptions<SqlUploadSessionStoreOptions>
{
    private const string Prefix = SqlUploadSessionStoreOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SqlUploadSessionStoreOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Prefix}:Provider is {(int)options.Provider}, which is no provider; use Sqlite or PostgreSql.");
        }

        if (!TableNamePattern().IsMatch(options.TableName))
        {
            failures.Add($"{Prefix}:TableName '{options.TableName}' must start with a letter or '_' and hold only letters, digits and '_' (at most 63).");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Prefix}:ConnectionString is required: the database that keeps upload sessions across restarts.");
        }
        else if (ConnectionStringProblem(options) is { } problem)
        {
            failures.Add($"{Prefix}:ConnectionString {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ConnectionStringProblem(SqlUploadSessionStoreOptions options)
    {
        try
        {
            if (options.Provider == SqlUploadSessionProvider.Sqlite)
            {
                var sqlite = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(sqlite.DataSource)
                    || sqlite.DataSource == ":memory:"
                    || sqlite.Mode == SqliteOpenMode.Memory)
                {
                    return "must name a database file (Data Source=/path/uploads.db): sessions must outlive the process.";
                }

                if (sqlite.Mode == SqliteOpenMode.ReadOnly)
                {
                    return "opens the database read-only; the store writes every packet's progress.";
                }
            }
            else if (options.Provider == SqlUploadSessionProvider.PostgreSql)
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }

            return null;
        }
        catch (ArgumentException e)
        {
            // The parser's message names the bad keyword, not the values.
            return $"is not a valid {options.Provider} connection string: {e.Message}";
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex TableNamePattern();
}
