using System.Data.Common;
using Dapper;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Catalog;

internal sealed class DapperJobCatalog(StorageDatabase database) : IJobCatalog, IDisposable
{
    internal const string CountsSql = """
        SELECT (SELECT unfinished FROM transfer_job_count WHERE owner = @Owner) AS Owner,
               (SELECT unfinished FROM transfer_job_total WHERE id = 1) AS "All"
        """;

    internal const string FindSql = JobListCommand.SelectColumns + " WHERE id = @JobId";
    private const string ConfirmSql = JobRowSql.Upsert + ";\nDELETE FROM transfer_job_reservation WHERE job_id = @Id";
    internal const string ReleaseSql = "DELETE FROM transfer_destination WHERE job_id = @JobId";

    // Reservations of one silo take the owner's and the service's counter rows in turn anyway: each holds them from its
    // row's insert to its commit. More than a few at once only queue in the database, where each hand-over of the lock
    // wakes another backend; queueing here is cheaper. Catalog alone, PostgreSQL, 32 callers: 505-770/s all at once,
    // 1,181/s four at a time. A create's claims and state row are written in the same transaction before it takes the
    // counters, so they count against this limit too: with them, on 2 cores, eight at a time cost 0.87x the silo's CPU per
    // create of four (PostgreSQL's the same) and two 1.06x (docs/benchmarks.md, scale, issue 16, 2026-12-05 18:03-18:27).
    // Not on SQLite, whose one writer commits what is queued together.
    private const int ConcurrentReservations = 8;

    private readonly SemaphoreSlim _reservations = new(ConcurrentReservations, ConcurrentReservations);

    private readonly KeysetScanner _scanner = new(database);

    /// <summary>Rows per scan page; tests lower it to see many pages.</summary>
    internal int ScanPageSize
    {
        get => _scanner.PageSize;
        init => _scanner = new KeysetScanner(database, value);
    }

    public async Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var args = RowArgs(entry);
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(JobRowSql.Upsert, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    public async Task<JobReservation> TryReserveAsync(
        JobCatalogEntry entry,
        int ownerLimit,
        int serviceLimit,
        IReadOnlyList<string> destinations,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(destinations);
        var reservation = new JobRowReservation(entry, ownerLimit, serviceLimit, destinations);
        var (outcome, _) = await ReserveCoreAsync(reservation, reservationRow: true, (_, _) => Task.FromResult(0), cancellationToken);
        return outcome;
    }

    /// <summary>
    /// <paramref name="reservation"/>'s row, counters and claims, and <paramref name="alsoWrite"/> (the job's state), in
    /// one transaction: all of it, or nothing when the reservation is refused or the write throws. No reservation row:
    /// the state is written with the row, so there is nothing to confirm.
    /// </summary>
    internal Task<(JobReservation Outcome, T? Written)> ReserveWithAsync<T>(
        JobRowReservation reservation,
        Func<DbConnection, DbTransaction, Task<T>> alsoWrite,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(alsoWrite);
        return ReserveCoreAsync(reservation, reservationRow: false, alsoWrite, cancellationToken);
    }

    public void Dispose() => _reservations.Dispose();

    private async Task<(JobReservation Outcome, T? Written)> ReserveCoreAsync<T>(
        JobRowReservation reservation,
        bool reservationRow,
        Func<DbConnection, DbTransaction, Task<T>> alsoWrite,
        CancellationToken cancellationToken)
    {
        // SQLite has one writer, which commits whatever is queued together: there, more creates at once make larger commits.
        var limited = database.Profile != StorageProfile.Sqlite;
        if (limited)
        {
            await _reservations.WaitAsync(cancellationToken);
        }

        try
        {
            if (await ReserveOnceAsync(reservation, reservationRow, alsoWrite, cancellationToken) is { } done)
            {
                return done;
            }

            // The id has a row already: the caller only reserves for a job that does not exist, so it is what a create of
            // this id left when it crashed before writing the job (a client retrying), and goes as the sweep would remove it.
            await DeleteAsync(reservation.Entry.Id, cancellationToken);
            return await ReserveOnceAsync(reservation, reservationRow, alsoWrite, cancellationToken)
                ?? throw new InvalidOperationException($"Job {reservation.Entry.Id} has a catalog row again as soon as it was removed.");
        }
        finally
        {
            if (limited)
            {
                _reservations.Release();
            }
        }
    }

    /// <summary>Null when the id already has a row.</summary>
    private async Task<(JobReservation Outcome, T? Written)?> ReserveOnceAsync<T>(
        JobRowReservation reservation,
        bool reservationRow,
        Func<DbConnection, DbTransaction, Task<T>> alsoWrite,
        CancellationToken cancellationToken)
    {
        try
        {
            var written = await database.WriteAsync(
                (connection, transaction, ct) => ReserveInAsync(connection, transaction, reservation, reservationRow, () => alsoWrite(connection, transaction), ct),
                cancellationToken);
            return (JobReservation.Reserved, written);
        }
        catch (Undone undone)
        {
            return undone.Reservation is { } refused ? (refused, default) : null;
        }
    }

    /// <summary>Throws <see cref="Undone"/> to leave nothing written (the write's transaction or savepoint rolls back).</summary>
    private async Task<T> ReserveInAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        JobRowReservation reservation,
        bool reservationRow,
        Func<Task<T>> alsoWrite,
        CancellationToken cancellationToken)
    {
        var (entry, ownerLimit, serviceLimit) = (reservation.Entry, reservation.OwnerLimit, reservation.ServiceLimit);

        // Claims come first: a claim may wait for another create's claim of the same path, and must not do so while
        // holding the counters every create needs. Disposing the transaction without a commit undoes everything.
        if (await DestinationClaims.ClaimAsync(database, connection, transaction, entry.Id, reservation.Destinations, cancellationToken) is { } taken)
        {
            // A create over its limit hears that first, as it would have before claiming anything.
            var (owner, all) = await CountsAsync(connection, transaction, entry.Owner, cancellationToken);
            throw new Undone(LimitReached(owner, all, owner >= ownerLimit, all >= serviceLimit)
                ?? new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: taken));
        }

        // Before the counters too: every create needs them, so they are held for as short a time as can be.
        var written = await alsoWrite();

        // The insert's trigger counts the row, which locks the owner's and then the service's counter until the
        // transaction ends; read back, they tell exactly whether this job fits. A concurrent create waits on the lock
        // and then counts on top of this one's outcome.
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            (reservationRow ? JobRowSql.Reserve : JobRowSql.Insert) + CountsSql, RowArgs(entry), transaction, cancellationToken: cancellationToken));
        var inserted = (await results.ReadAsync<object>()).Any();
        var counts = await results.ReadSingleAsync<CatalogCountRow>();
        if (!inserted)
        {
            throw new Undone(null);
        }

        var (withOwner, withAll) = (counts.Owner ?? 0, counts.All ?? 0);
        if (LimitReached(withOwner - 1, withAll - 1, withOwner > ownerLimit, withAll > serviceLimit) is { } refused)
        {
            throw new Undone(refused);
        }

        return written;
    }

    private static JobReservation? LimitReached(long owner, long all, bool ownerFull, bool serviceFull) =>
        ownerFull ? new JobReservation(JobReservationOutcome.OwnerLimitReached, (int)owner)
        : serviceFull ? new JobReservation(JobReservationOutcome.ServiceLimitReached, (int)all)
        : null;

    /// <summary>The owner's and the service's unfinished jobs, from their counters.</summary>
    private static async Task<(long Owner, long All)> CountsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string owner,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<CatalogCountRow>(new CommandDefinition(
            CountsSql, new { Owner = owner }, transaction, cancellationToken: cancellationToken));
        return (row.Owner ?? 0, row.All ?? 0);
    }

    public async Task ConfirmAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var args = RowArgs(entry);
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(ConfirmSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    public async Task DeleteAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var args = new { JobId = database.ToDbId(jobId) };
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(JobRowSql.Delete, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    public async Task<JobCatalogEntry?> FindAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CatalogJobRow>(new CommandDefinition(
            FindSql, new { JobId = database.ToDbId(jobId) }, cancellationToken: cancellationToken));
        return row is null ? null : ToEntry(row);
    }

    public async Task<JobCatalogPage> ListPageAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = JobListQueries.PageSize(query);
        var (sql, args) = JobListCommand.Build(database, query, pageSize);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CatalogJobRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        var entries = rows.Select(ToEntry).ToList();
        if (entries.Count <= pageSize)
        {
            return new JobCatalogPage(entries, null);
        }

        entries.RemoveAt(pageSize);
        var last = entries[^1];
        return new JobCatalogPage(entries, new JobListPosition(last.Created, last.Id).ToToken());
    }

    public IAsyncEnumerable<Guid> ListActiveAsync(CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.Active, before: null, cancellationToken);

    public IAsyncEnumerable<Guid> ListCompletingAsync(CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.Completing, before: null, cancellationToken);

    public IAsyncEnumerable<Guid> ListActiveOnSiloAsync(string silo, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(silo);
        return _scanner.ScanAsync(KeysetScan.ActiveOnSilo, before: null, cancellationToken, silo);
    }

    public IAsyncEnumerable<Guid> ListActiveNotOnSilosAsync(IReadOnlyList<string> liveSilos, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveSilos);
        return _scanner.ScanAsync(KeysetScan.ActiveNotOnSilos(liveSilos.Count), before: null, cancellationToken, silos: liveSilos);
    }

    public IAsyncEnumerable<Guid> ListUnfinishedModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.UnfinishedModifiedBefore, before, cancellationToken);

    public IAsyncEnumerable<Guid> ListFinalModifiedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.FinalModifiedBefore, before, cancellationToken);

    public IAsyncEnumerable<Guid> ListReservedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.ReservedBefore, before, cancellationToken);

    public IAsyncEnumerable<Guid> ListClaimsWithoutJobAsync(CancellationToken cancellationToken = default) =>
        _scanner.ScanAsync(KeysetScan.ClaimsWithoutJob, before: null, cancellationToken);

    public async Task<string?> TryClaimDestinationsAsync(
        Guid jobId,
        IReadOnlyList<string> localPaths,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPaths);
        try
        {
            await database.WriteAsync(
                async (connection, transaction, ct) =>
                    await DestinationClaims.ClaimAsync(database, connection, transaction, jobId, localPaths, ct) is { } taken
                        ? throw new Undone(new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: taken))
                        : 0,
                cancellationToken);
            return null;
        }
        catch (Undone undone)
        {
            return undone.Reservation!.TakenDestination;
        }
    }

    public async Task ReleaseDestinationsAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var args = new { JobId = database.ToDbId(jobId) };
        await database.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(ReleaseSql, args, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    internal object RowArgs(JobCatalogEntry entry) => new
    {
        Id = database.ToDbId(entry.Id),
        entry.Owner,
        entry.DisplayName,
        State = (int)entry.State,
        Priority = (int)entry.Priority,
        entry.BytesTotal,
        entry.BytesTransferred,
        entry.FilesTotal,
        entry.FilesTransferred,
        Created = database.ToDbTime(entry.Created),
        Modified = database.ToDbTime(entry.Modified),
        entry.Silo,
        entry.PinnedHost,
        CompleteWhenTransferred = entry.CompleteWhenTransferred ? 1 : 0, // an integer on both stores, as its index predicate
    };

    private JobCatalogEntry ToEntry(CatalogJobRow row) => new(
        database.FromDbId(row.Id),
        row.DisplayName,
        (JobState)row.State,
        (JobPriority)row.Priority,
        row.Owner,
        row.BytesTotal,
        row.BytesTransferred,
        (int)row.FilesTotal,
        (int)row.FilesTransferred,
        database.FromDbTime(row.Created),
        database.FromDbTime(row.Modified),
        row.Silo,
        row.PinnedHost,
        row.CompleteWhenTransferred != 0);

    /// <summary>Thrown inside a write to undo it, carrying what the caller hears instead.</summary>
    private sealed class Undone(JobReservation? reservation) : Exception("The catalog write was undone.")
    {
        public JobReservation? Reservation { get; } = reservation;
    }
}
