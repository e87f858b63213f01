using Dapper;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// The per-owner, per-state counters behind <c>xfer service status</c>: every write of a catalog row (a reservation, a
/// state change, an ownership change, a removal, a row written again) moves them, so they always equal the rows; an
/// existing database is counted once; concurrent transitions in opposite directions neither deadlock nor drift.
/// </summary>
public sealed class JobStateCountTests
{
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Counts_FollowEveryWriteOfARow_ForEveryOwnerAndForSome(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);
        var counts = new DapperJobStateCounts(db.Database);
        var jobs = new List<JobCatalogEntry>();
        for (var i = 0; i < 5; i++)
        {
            var entry = Entry(i < 3 ? "alice" : "bob", JobState.Suspended);
            Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(entry, 100, 100, []));
            await catalog.ConfirmAsync(entry);
            jobs.Add(entry);
        }

        await catalog.UpsertAsync(jobs[0] with { State = JobState.Queued });
        await catalog.UpsertAsync(jobs[0] with { State = JobState.Transferring, BytesTransferred = 10 });
        await catalog.UpsertAsync(jobs[0] with { State = JobState.Transferring, BytesTransferred = 20 });
        await catalog.UpsertAsync(jobs[1] with { State = JobState.Cancelled });
        await catalog.UpsertAsync(jobs[3] with { State = JobState.Error, Owner = "alice" });
        await catalog.DeleteAsync(jobs[4].Id);
        await catalog.UpsertAsync(jobs[4] with { State = JobState.Transferred });
        await catalog.UpsertAsync(jobs[4] with { State = JobState.Transferred });

        var all = await counts.CountByStateAsync(null);
        Assert.Equal(Enum.GetValues<JobState>(), all.Select(c => c.State));
        Assert.Equal(
            new Dictionary<JobState, long>
            {
                [JobState.Transferring] = 1, [JobState.Suspended] = 1, [JobState.Cancelled] = 1, [JobState.Error] = 1, [JobState.Transferred] = 1,
            },
            NonZero(all));
        Assert.Equal(
            new Dictionary<JobState, long> { [JobState.Transferring] = 1, [JobState.Suspended] = 1, [JobState.Cancelled] = 1, [JobState.Error] = 1 },
            NonZero(await counts.CountByStateAsync(["alice"])));
        Assert.Equal(
            new Dictionary<JobState, long> { [JobState.Transferred] = 1 },
            NonZero(await counts.CountByStateAsync(["bob", "bob"])));
        Assert.Empty(NonZero(await counts.CountByStateAsync(["carol"])));
        Assert.Empty(NonZero(await counts.CountByStateAsync([])));
        await AssertMatchRowsAsync(db);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Schema_CountsTheRowsOfAnExistingDatabaseOnce(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);
        await catalog.UpsertAsync(Entry("alice", JobState.Queued));

        // The database as an earlier version left it: no state counters, and rows written without them.
        await using (var connection = await db.Database.OpenConnectionAsync(CancellationToken.None))
        {
            foreach (var trigger in new[] { "insert", "delete", "update" })
            {
                await connection.ExecuteAsync(profile == StorageProfile.Sqlite
                    ? $"DROP TRIGGER tr_transfer_job_state_count_{trigger}"
                    : $"DROP TRIGGER tr_transfer_job_state_count_{trigger} ON transfer_job");
            }

            await connection.ExecuteAsync("DROP TABLE transfer_job_state_count");
        }

        await catalog.UpsertAsync(Entry("alice", JobState.Acknowledged));
        await catalog.UpsertAsync(Entry("bob", JobState.Queued));

        await db.CreateBootstrapper().EnsureSchemaAsync();
        await db.CreateBootstrapper().EnsureSchemaAsync();

        Assert.Equal(
            new Dictionary<JobState, long> { [JobState.Queued] = 2, [JobState.Acknowledged] = 1 },
            NonZero(await new DapperJobStateCounts(db.Database).CountByStateAsync(null)));
        await AssertMatchRowsAsync(db);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentOppositeTransitions_OfOneOwner_NeitherDeadlockNorDrift(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);
        var jobs = Enumerable.Range(0, 16).Select(i => Entry("alice", i % 2 == 0 ? JobState.Queued : JobState.Transferring)).ToList();
        foreach (var job in jobs)
        {
            await catalog.UpsertAsync(job);
        }

        // Half the jobs go Queued -> Transferring while the other half go Transferring -> Queued, over and over.
        await Task.WhenAll(jobs.Select(job => Task.Run(async () =>
        {
            for (var round = 1; round <= 20; round++)
            {
                var flipped = (job.State == JobState.Queued) == (round % 2 == 1) ? JobState.Transferring : JobState.Queued;
                await catalog.UpsertAsync(job with { State = flipped, BytesTransferred = round });
            }
        })));

        Assert.Equal(
            new Dictionary<JobState, long> { [JobState.Queued] = 8, [JobState.Transferring] = 8 },
            NonZero(await new DapperJobStateCounts(db.Database).CountByStateAsync(["alice"])));
        await AssertMatchRowsAsync(db);
    }

    /// <summary>
    /// Adds: statements of many rows (a copy of every row under new ids, a removal across owners and states, an update
    /// of many rows) move both the unfinished and the per-state counters exactly. PostgreSQL counts an insert or a
    /// removal once per statement, over all its rows; SQLite once per row.
    /// </summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Counts_FollowStatementsOfManyRows(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);
        JobState[] states = [JobState.Queued, JobState.Suspended, JobState.Acknowledged, JobState.Cancelled, JobState.Error];
        for (var i = 0; i < 30; i++)
        {
            await catalog.UpsertAsync(Entry(new[] { "alice", "bob", "carol" }[i % 3], states[i % states.Length]));
        }

        var newId = profile == StorageProfile.Sqlite ? "lower(hex(randomblob(16)))" : "gen_random_uuid()";
        await using (var connection = await db.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync($"""
                INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred,
                                          files_total, files_transferred, created, modified)
                SELECT {newId}, owner, display_name, state, priority, bytes_total, bytes_transferred,
                       files_total, files_transferred, created, modified
                FROM transfer_job
                """);
            await connection.ExecuteAsync("DELETE FROM transfer_job WHERE owner = 'bob' OR state = 8");
            await connection.ExecuteAsync("UPDATE transfer_job SET state = 7 WHERE owner = 'carol' AND state = 0");
        }

        var (owners, total) = await CatalogCounters.StoredAsync(db.Database);
        Assert.Equal((12L, 8L, 20L), (owners["alice"], owners["carol"], total));
        Assert.False(owners.ContainsKey("bob"));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
        await AssertMatchRowsAsync(db);
    }

    private static Dictionary<JobState, long> NonZero(IReadOnlyList<JobStateCount> counts) =>
        counts.Where(c => c.Count != 0).ToDictionary(c => c.State, c => c.Count);

    private static async Task AssertMatchRowsAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var counted = (await connection.QueryAsync<(string Owner, long State, long Jobs)>(
                "SELECT owner, CAST(state AS bigint), COUNT(*) FROM transfer_job GROUP BY owner, state"))
            .OrderBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.State).ToList();
        var stored = (await connection.QueryAsync<(string Owner, long State, long Jobs)>(
                "SELECT owner, CAST(state AS bigint), CAST(jobs AS bigint) FROM transfer_job_state_count WHERE jobs <> 0"))
            .OrderBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.State).ToList();
        Assert.Equal(counted, stored);
    }

    private static JobCatalogEntry Entry(string owner, JobState state) => new(
        Guid.NewGuid(), $"job of {owner}", state, JobPriority.Normal, owner, 1000, 0, 1, 0, s_baseTime, s_baseTime);
}
