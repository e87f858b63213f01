using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

internal sealed class DapperJobStateCounts(StorageDatabase database) : IJobStateCounts
{
    // SUM of a bigint is a numeric on PostgreSQL: cast back, so both profiles answer a 64-bit integer.
    private const string AllSql = "SELECT state AS State, CAST(SUM(jobs) AS bigint) AS Count FROM transfer_job_state_count GROUP BY state";

    private const string OwnersSql =
        "SELECT state AS State, CAST(SUM(jobs) AS bigint) AS Count FROM transfer_job_state_count WHERE owner IN @Owners GROUP BY state";

    public async Task<IReadOnlyList<JobStateCount>> CountByStateAsync(IReadOnlyList<string>? owners, CancellationToken cancellationToken = default)
    {
        if (owners is { Count: 0 })
        {
            return Complete([]);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
            owners is null ? AllSql : OwnersSql,
            owners is null ? null : new { Owners = owners.Distinct(StringComparer.Ordinal).ToArray() },
            cancellationToken: cancellationToken));
        return Complete(rows.ToDictionary(r => (JobState)r.State, r => r.Count));
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
