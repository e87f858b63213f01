using System.Runtime.CompilerServices;
using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

/// <summary>Runs a <see cref="KeysetScan"/> page by page, returning the ids it keeps.</summary>
internal sealed class KeysetScanner(StorageDatabase database, int pageSize = KeysetScanner.DefaultPageSize)
{
    /// <summary>Rows per page: what one scan holds in memory at most.</summary>
    public const int DefaultPageSize = 1000;

    public int PageSize { get; } = pageSize > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A scan page holds at least one row.");

    // Each page on its own connection, closed before the caller sees the page: no connection, lock or SQLite read
    // snapshot is held while the caller works through the ids, and memory holds one page.
    public async IAsyncEnumerable<Guid> ScanAsync(
        KeysetScan scan,
        DateTimeOffset? before,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        string? silo = null,
        IReadOnlyList<string>? silos = null)
    {
        ScanKey? after = null;
        while (true)
        {
            List<ScanKey> page;
            await using (var connection = await database.OpenConnectionAsync(cancellationToken))
            {
                page = (await connection.QueryAsync<ScanKey>(new CommandDefinition(
                    after is null ? scan.First : scan.Next, Args(scan, before, after, silo, silos), cancellationToken: cancellationToken))).AsList();
            }

            foreach (var key in page.Where(k => k.Keep != 0))
            {
                yield return database.FromDbId(key.Id);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <summary>
    /// The arguments of one page of a scan: its cut-off, silo or silos (@S0, @S1, ...), where the previous page ended,
    /// and the page size.
    /// </summary>
    internal DynamicParameters Args(
        KeysetScan scan, DateTimeOffset? before, ScanKey? after, string? silo = null, IReadOnlyList<string>? silos = null)
    {
        var args = new DynamicParameters();
        args.Add("Take", PageSize);
        if (silo is not null)
        {
            args.Add("Silo", silo);
        }

        for (var i = 0; i < silos?.Count; i++)
        {
            args.Add($"S{i}", silos[i]);
        }

        if (before is { } cutOff)
        {
            args.Add("Before", database.ToDbTime(cutOff));
        }

        if (after is not null)
        {
            args.Add("AfterId", after.Id);
            if (scan.ByTime)
            {
                args.Add("AfterAt", after.At);
            }
        }

        return args;
    }
}
