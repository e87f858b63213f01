using System.Globalization;
using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// A create on PostgreSQL in two round trips instead of four: the claims, the state row, the catalog row (whose trigger
/// counts it) and the counters read back go in one batch, then the commit. The statements, their order and the locks
/// they take are those of <see cref="DapperJobCatalog"/>'s create, statement by statement (claims first, the counters
/// last), so quotas stay exact. Only the usual create takes it: every claim free, the state row new, the id unused.
/// Anything else answers null after its transaction was rolled back, and the caller runs the create statement by
/// statement, which finds out exactly what happened (a claim released meanwhile, a conflicting state, an earlier row).
/// It waits for one of the catalog's places for reservations, as those statement by statement do.
/// </summary>
internal static class BatchedCreate
{
    public static async Task<(JobReservation Outcome, string? Version)?> TryAsync(
        StorageDatabase database,
        SemaphoreSlim reservations,
        JobRowReservation reservation,
        object rowArgs,
        StateRowStatement state,
        CancellationToken cancellationToken)
    {
        var paths = DestinationClaims.Ordered(reservation.Destinations);
        var stateSql = state.Sql.Trim().TrimEnd(';');
        if (paths.Count > DestinationClaims.PathsPerStatement || stateSql.Contains(';', StringComparison.Ordinal))
        {
            // More than one claim statement, or a stored query of several statements: their results are not one set each.
            return null;
        }

        var (claimSql, args) = DestinationClaims.InsertCommand(database.ToDbId(reservation.Entry.Id), paths);
        args.AddDynamicParams(rowArgs);
        foreach (var (name, value) in state.Parameters)
        {
            args.Add(name, value);
        }

        var sql = (paths.Count > 0 ? claimSql + ";\n" : "") + stateSql + ";\n" + JobRowSql.Insert + DapperJobCatalog.CountsSql;
        await reservations.WaitAsync(cancellationToken);
        try
        {
            return await database.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
                    var claimed = paths.Count > 0 ? (await results.ReadAsync<string>()).Count() : 0;
                    var versions = (await results.ReadAsync<int?>()).ToList();
                    var inserted = (await results.ReadAsync<object>()).Any();
                    var counts = await results.ReadSingleAsync<CatalogCountRow>();
                    var version = versions is [{ } v] ? v.ToString(CultureInfo.InvariantCulture) : null;
                    if (claimed != paths.Count || version is null || version == state.KnownVersion || !inserted)
                    {
                        throw new NotUsual(null);
                    }

                    var (owner, all) = (counts.Owner ?? 0, counts.All ?? 0);
                    return DapperJobCatalog.LimitReached(owner - 1, all - 1, owner > reservation.OwnerLimit, all > reservation.ServiceLimit) is { } refused
                        ? throw new NotUsual(refused)
                        : ((JobReservation Outcome, string? Version)?)(JobReservation.Reserved, version);
                },
                cancellationToken);
        }
        catch (NotUsual notUsual)
        {
            // Rolled back; a refusal over a limit is the answer the create statement by statement would give.
            return notUsual.Refused is { } refused ? (refused, null) : null;
        }
        finally
        {
            reservations.Release();
        }
    }

    /// <summary>Thrown inside the batch's transaction to roll it back.</summary>
    private sealed class NotUsual(JobReservation? refused) : Exception("The batched create was rolled back.")
    {
        public JobReservation? Refused { get; } = refused;
    }
}
