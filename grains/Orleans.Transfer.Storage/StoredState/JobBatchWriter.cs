using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A batch create's one transaction (<see cref="IJobBatchStore"/>), in a single create's order
/// (<see cref="DapperJobCatalog.ReserveWithAsync{T}"/>): claims, state rows, then catalog rows, whose inserts take the
/// counters, read once at the end. Each state row is what the job grain's own first write would store (same key, state
/// name, serializer and version), so the grain later reads it as its own. On PostgreSQL each step is one statement
/// for the whole batch (arrays through unnest): statements per job, not rows, are what a create costs there. SQLite's
/// one writer commits queued work together anyway, so there each job's statements run in turn, as a single create's.
/// </summary>
internal sealed class JobBatchWriter(StorageDatabase database, DapperJobCatalog catalog, StoredStateRows rows, IGrainStorageSerializer serializer)
    : IJobBatchStore
{
    public static JobBatchWriter Create(IServiceProvider services)
    {
        var database = services.GetRequiredService<StorageDatabase>();
        var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(StorageNames.Transfer);
        return new JobBatchWriter(
            database, services.GetRequiredService<DapperJobCatalog>(), new StoredStateRows(StorageNames.Transfer, database), options.GrainStorageSerializer);
    }

    private bool Postgres => database.Profile != StorageProfile.Sqlite;

    public async Task<JobBatchRefusal?> CreateAsync<T>(IReadOnlyList<JobBatchEntry<T>> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return null;
        }

        var payloads = jobs.Select(j => serializer.Serialize(j.State).ToArray()).ToList();
        var query = Postgres ? "" : await rows.QueryAsync(StoredStateRows.WriteQuery);
        try
        {
            await database.WriteAsync((connection, transaction, ct) => WriteInAsync(connection, transaction, jobs, payloads, query, ct), cancellationToken);
            return null;
        }
        catch (Refused refused)
        {
            return refused.Refusal;
        }
    }

    /// <summary>Throws <see cref="Refused"/> to leave nothing written (the write's transaction or savepoint rolls back).</summary>
    private async Task<int> WriteInAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<JobBatchEntry<T>> jobs,
        List<byte[]> payloads,
        string query,
        CancellationToken cancellationToken)
    {
        if (await ClaimAsync(connection, transaction, jobs, cancellationToken) is { } taken)
        {
            // A batch over a limit hears that first, as a single create does.
            var before = await CountsAsync(connection, transaction, jobs, cancellationToken);
            throw new Refused(LimitReached(jobs, before, counted: false) ?? taken);
        }

        if (await WriteStatesAsync(connection, transaction, jobs, payloads, query, cancellationToken) is { } stateExists)
        {
            throw AlreadyExists(stateExists);
        }

        // The inserts' trigger counted the rows and holds the owners' and the service's counters until the commit.
        var after = await InsertRowsAsync(connection, transaction, jobs, cancellationToken);
        return LimitReached(jobs, after, counted: true) is { } refusal ? throw new Refused(refusal) : 0;
    }

    /// <summary>The first claim another job holds (the batch's jobs' own claims never collide: the grain checked), or null.</summary>
    private async Task<JobBatchRefusal?> ClaimAsync<T>(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobBatchEntry<T>> jobs, CancellationToken cancellationToken)
    {
        if (!Postgres)
        {
            for (var i = 0; i < jobs.Count; i++)
            {
                var reservation = jobs[i].Reservation;
                if (await DestinationClaims.ClaimAsync(database, connection, transaction, reservation.Entry.Id, reservation.Destinations, cancellationToken) is { } claim)
                {
                    return Taken(i, claim);
                }
            }

            return null;
        }

        // One claimant per path: the grain refuses a path twice in a batch, and the first job keeps it if one comes here.
        var claimants = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            foreach (var destination in jobs[i].Reservation.Destinations)
            {
                claimants.TryAdd(destination, i);
            }
        }

        var taken = await DestinationClaims.ClaimForJobsAsync(
            database, connection, transaction, claimants.ToDictionary(c => c.Key, c => jobs[c.Value].Reservation.Entry.Id, StringComparer.Ordinal), cancellationToken);
        return taken is null ? null : Taken(claimants[taken], taken);
    }

    private static Refused AlreadyExists(int index) =>
        new(new JobBatchRefusal(index, new JobReservation(JobReservationOutcome.AlreadyExists)));

    private static JobBatchRefusal Taken(int index, string claim) =>
        new(index, new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: claim));

    /// <summary>The index of the first job whose state row exists already, or null when all are written.</summary>
    private async Task<int?> WriteStatesAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<JobBatchEntry<T>> jobs,
        List<byte[]> payloads,
        string query,
        CancellationToken cancellationToken)
    {
        if (!Postgres)
        {
            for (var i = 0; i < jobs.Count; i++)
            {
                try
                {
                    await rows.RunVersionedAsync(connection, transaction, query, "WriteState", StorageNames.JobState, jobs[i].GrainId, null, payloads[i]);
                }
                catch (InconsistentStateException)
                {
                    return i;
                }
            }

            return null;
        }

        var keys = jobs.Select(j => StoredStateRows.Parameters(StorageNames.JobState, j.GrainId, null, null)).ToList();
        var written = (await connection.QueryAsync<(long N0, long N1)>(new CommandDefinition(
            JobBatchSql.PostgresStates,
            new
            {
                ServiceId = StorageNames.ServiceId,
                GrainTypeString = StorageNames.JobState,
                N0 = keys.Select(k => (long)k["GrainIdN0"]!).ToArray(),
                N1 = keys.Select(k => (long)k["GrainIdN1"]!).ToArray(),
                Extensions = keys.Select(k => (string?)k["GrainIdExtensionString"]).ToArray(),
                Payloads = payloads.ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken))).ToHashSet();
        return FirstMissing(keys.Select(k => ((long)k["GrainIdN0"]!, (long)k["GrainIdN1"]!)).ToList(), written);
    }

    /// <summary>The counts after the inserts; throws <see cref="Refused"/> naming the first job whose catalog row exists already.</summary>
    private async Task<(Dictionary<string, long> Owners, long All)> InsertRowsAsync<T>(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobBatchEntry<T>> jobs, CancellationToken cancellationToken)
    {
        var entries = jobs.Select(j => j.Reservation.Entry).ToList();
        if (!Postgres)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var inserted = await connection.QueryAsync<object>(new CommandDefinition(JobRowSql.Insert, catalog.RowArgs(entries[i]), transaction, cancellationToken: cancellationToken));
                if (!inserted.Any())
                {
                    throw AlreadyExists(i);
                }
            }

            return await CountsAsync(connection, transaction, jobs, cancellationToken);
        }

        var owners = entries.Select(e => e.Owner).Distinct(StringComparer.Ordinal).ToArray();
        if (owners.Length > 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(JobBatchSql.PostgresLockOwners, new { Owners = owners }, transaction, cancellationToken: cancellationToken));
        }

        using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            JobBatchSql.PostgresRows,
            new
            {
                Ids = entries.Select(e => e.Id).ToArray(),
                Owners = entries.Select(e => e.Owner).ToArray(),
                DisplayNames = entries.Select(e => e.DisplayName).ToArray(),
                States = entries.Select(e => (int)e.State).ToArray(),
                Priorities = entries.Select(e => (int)e.Priority).ToArray(),
                BytesTotal = entries.Select(e => e.BytesTotal).ToArray(),
                BytesTransferred = entries.Select(e => e.BytesTransferred).ToArray(),
                FilesTotal = entries.Select(e => e.FilesTotal).ToArray(),
                FilesTransferred = entries.Select(e => e.FilesTransferred).ToArray(),
                Created = entries.Select(e => (DateTimeOffset)database.ToDbTime(e.Created)).ToArray(),
                Modified = entries.Select(e => (DateTimeOffset)database.ToDbTime(e.Modified)).ToArray(),
                Silos = entries.Select(e => e.Silo).ToArray(),
                PinnedHosts = entries.Select(e => e.PinnedHost).ToArray(),
                CompleteWhenTransferred = entries.Select(e => e.CompleteWhenTransferred ? 1 : 0).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
        var ids = (await results.ReadAsync<Guid>()).ToHashSet();
        return FirstMissing(entries.Select(e => e.Id).ToList(), ids) is { } existing ? throw AlreadyExists(existing) : await ReadCountsAsync(results);
    }

    private static int? FirstMissing<TKey>(List<TKey> keys, HashSet<TKey> written)
    {
        var index = keys.FindIndex(k => !written.Contains(k));
        return index < 0 ? null : index;
    }

    /// <summary>The batch's owners' unfinished jobs and the service's, from their counters.</summary>
    private async Task<(Dictionary<string, long> Owners, long All)> CountsAsync<T>(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobBatchEntry<T>> jobs, CancellationToken cancellationToken)
    {
        var owners = jobs.Select(j => j.Reservation.Entry.Owner).Distinct(StringComparer.Ordinal).ToArray();
        var (sql, args) = Postgres
            ? (JobBatchSql.PostgresCounts, (object)new { Owners = owners })
            : (JobBatchSql.SqliteCounts, new { Owners = JsonSerializer.Serialize(owners) });
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
        return await ReadCountsAsync(results);
    }

    private static async Task<(Dictionary<string, long> Owners, long All)> ReadCountsAsync(SqlMapper.GridReader results)
    {
        var counts = (await results.ReadAsync<(string Owner, long Unfinished)>()).ToDictionary(c => c.Owner, c => c.Unfinished, StringComparer.Ordinal);
        var all = await results.ReadSingleOrDefaultAsync<long?>() ?? 0;
        return (counts, all);
    }

    /// <summary>
    /// The first limit the batch passes: each owner's (the batch's jobs of that owner count as their number), then the
    /// service's; the refusal names the owner's first job (the service's: the first job) and the unfinished jobs before
    /// the batch. <paramref name="counted"/>: the counts include the batch's rows.
    /// </summary>
    private static JobBatchRefusal? LimitReached<T>(IReadOnlyList<JobBatchEntry<T>> jobs, (Dictionary<string, long> Owners, long All) counts, bool counted)
    {
        foreach (var group in jobs.Select((job, index) => (job.Reservation, Index: index)).GroupBy(j => j.Reservation.Entry.Owner, StringComparer.Ordinal))
        {
            var count = counts.Owners.GetValueOrDefault(group.Key);
            var before = counted ? count - group.Count() : count;
            if (before + group.Count() > group.Min(j => j.Reservation.OwnerLimit))
            {
                return new JobBatchRefusal(group.First().Index, new JobReservation(JobReservationOutcome.OwnerLimitReached, (int)before));
            }
        }

        var all = counted ? counts.All - jobs.Count : counts.All;
        return all + jobs.Count > jobs.Min(j => j.Reservation.ServiceLimit)
            ? new JobBatchRefusal(0, new JobReservation(JobReservationOutcome.ServiceLimitReached, (int)all))
            : null;
    }

    /// <summary>Thrown inside the write to undo it, carrying what the caller hears instead.</summary>
    private sealed class Refused(JobBatchRefusal refusal) : Exception("The batch create was undone.")
    {
        public JobBatchRefusal Refusal { get; } = refusal;
    }
}
