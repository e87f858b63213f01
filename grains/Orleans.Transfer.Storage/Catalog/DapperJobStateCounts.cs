using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

internal sealed class DapperJobStateCounts(StorageDatabase database) : IJobStateCounts
{
    // SUM of a bigint is a numeric on PostgreSQL: cast back, so both profiles answer a 64-bit integer.
    private const string AllSql = "SELECT state AS State, CAST(SUM(jobs) AS bigint) AS Count FROM transfer_job_state_count GROUP BY state";

    private const string OwnersSqlStart =
        "SELECT state AS State, CAST(SUM(jobs) AS bigint) AS Count FROM transfer_job_state_count WHERE owner IN (";

    private const string OwnersSqlEnd = ") GROUP BY state";

    public async Task<IReadOnlyList<JobStateCount>> CountByStateAsync(IReadOnlyList<string>? owners, CancellationToken cancellationToken = default)
    {
        if (owners is { Count: 0 })
        {
            return Complete([]);
        }

        var (sql, args) = owners is null ? (AllSql, null) : OwnersQuery(owners);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        return Complete(rows.ToDictionary(r => (JobState)r.State, r => r.Count));
    }

    // One parameter per owner (a caller has one or two): Dapper's list expansion would hand Npgsql an array for IN.
    private static (string, DynamicParameters) OwnersQuery(IReadOnlyList<string> owners)
    {
        var args = new DynamicParameters();
        var names = new List<string>();
        foreach (var owner in owners.Distinct(StringComparer.Ordinal))
        {
            var name = "Owner" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            args.Add(name, owner);
            names.Add("@" + name);
        }

        return (OwnersSqlStart + string.Join(", ", names) + OwnersSqlEnd, args);
    }

    private static List<JobStateCount> Complete(Dictionary<JobState, long> counts) =>
        [.. Enum.GetValues<JobState>().Select(state => new JobStateCount(state, counts.GetValueOrDefault(state)))];

    // Properties, not a constructor: Dapper converts a column to a property's type (PostgreSQL's state is an integer).
    private sealed class StateRow
    {
        public long State { get; init; }

        public long Count { get; init; }
    }
}
