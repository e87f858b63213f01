using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// The statement of one listing page. Only the filters the query sets become conditions, spelled as the indexes'
/// predicates are, so the planner walks the narrowest index in (created, id) order from the previous page's last row
/// and stops after one page: (owner, created, id) for one owner's jobs, (created, id) for everyone's, each also as a
/// partial index over unfinished jobs for a listing without final ones.
/// </summary>
internal static class JobListCommand
{
    public const string SelectColumns = """
        SELECT id AS Id, owner AS Owner, display_name AS DisplayName, state AS State, priority AS Priority,
               bytes_total AS BytesTotal, bytes_transferred AS BytesTransferred, files_total AS FilesTotal,
               files_transferred AS FilesTransferred, created AS Created, modified AS Modified, silo AS Silo,
               pinned_host AS PinnedHost, complete_when_transferred AS CompleteWhenTransferred
        FROM transfer_job
        """;

    /// <summary>The statement and its arguments; asks for one row more than a page, which tells whether more follow.</summary>
    public static (string Sql, DynamicParameters Args) Build(StorageDatabase database, JobListQuery query, int pageSize)
    {
        var after = query.ContinuationToken is { } token ? JobListPosition.FromToken(token) : (JobListPosition?)null;
        var conditions = new List<string>();
        var args = new DynamicParameters();
        if (query.Owner is not null)
        {
            conditions.Add("owner = @Owner");
            args.Add("Owner", query.Owner);
        }

        if (!query.IncludeFinal)
        {
            conditions.Add($"state NOT IN ({CatalogStates.Final})");
        }

        if (query.States is { } states)
        {
            var names = states.Distinct().Select((s, i) =>
            {
                args.Add($"State{i}", (int)s);
                return $"@State{i}";
            }).ToList();
            conditions.Add(names.Count == 0 ? "1 = 0" : $"state IN ({string.Join(", ", names)})");
        }

        if (query.Priority is { } priority)
        {
            conditions.Add("priority = @Priority");
            args.Add("Priority", (int)priority);
        }

        if (!string.IsNullOrEmpty(query.NamePrefix))
        {
            // substr compares exactly (case-sensitive, no LIKE wildcards) in both dialects; both count code points.
            conditions.Add("substr(display_name, 1, @PrefixLength) = @NamePrefix");
            args.Add("NamePrefix", query.NamePrefix);
            args.Add("PrefixLength", query.NamePrefix.EnumerateRunes().Count());
        }

        if (query.CreatedAfter is { } createdAfter)
        {
            conditions.Add("created >= @CreatedAfter");
            args.Add("CreatedAfter", database.ToDbTime(createdAfter));
        }

        if (query.CreatedBefore is { } createdBefore)
        {
            conditions.Add("created < @CreatedBefore");
            args.Add("CreatedBefore", database.ToDbTime(createdBefore));
        }

        if (after is { } position)
        {
            // A row value: both dialects turn it into one index range, where "a > x OR (a = x AND b > y)" is a filter.
            conditions.Add("(created, id) > (@AfterCreated, @AfterId)");
            args.Add("AfterCreated", database.ToDbTime(position.Created));
            args.Add("AfterId", database.ToDbId(position.Id));
        }

        args.Add("Take", pageSize + 1);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return ($"{SelectColumns} {where} ORDER BY created, id LIMIT @Take", args);
    }
}
