using Dapper;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// The unfinished-job counters: a reservation is exact under concurrent creates, and every later write of a row (a
/// final state, an ownership change, a removal, a row written again) moves the counters with it.
/// </summary>
public sealed class JobQuotaTests
{
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentReservations_AgainstAnOwnerLimitOfTen_ExactlyTenSucceed(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        await catalog.TryReserveAsync(Entry("bob", JobState.Suspended), 10, 1000, []);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            catalog.TryReserveAsync(Entry("alice", JobState.Suspended), 10, 1000, [$"/data/{i}"])));

        Assert.Equal(10, results.Count(r => r.Outcome == JobReservationOutcome.Reserved));
        Assert.All(results.Where(r => r.Outcome != JobReservationOutcome.Reserved), r =>
            Assert.Equal((JobReservationOutcome.OwnerLimitReached, 10), (r.Outcome, r.Unfinished)));
        var (owners, total) = await CatalogCounters.StoredAsync(db.Database);
        Assert.Equal((10L, 1L, 11L), (owners["alice"], owners["bob"], total));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
        Assert.Equal(10, await ClaimCountAsync(db));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentReservations_AgainstAServiceLimitOfTen_ExactlyTenSucceed(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            catalog.TryReserveAsync(Entry($"owner{i % 8}", JobState.Queued), 100, 10, [])));

        Assert.Equal(10, results.Count(r => r.Outcome == JobReservationOutcome.Reserved));
        Assert.All(results.Where(r => r.Outcome != JobReservationOutcome.Reserved), r =>
            Assert.Equal((JobReservationOutcome.ServiceLimitReached, 10), (r.Outcome, r.Unfinished)));
        Assert.Equal(10, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Counters_FollowFinalStates_Deletion_OwnershipAndRowsWrittenAgain(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var jobs = new List<JobCatalogEntry>();
        for (var i = 0; i < 6; i++)
        {
            var entry = Entry(i < 4 ? "alice" : "bob", JobState.Suspended);
            Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(entry, 100, 100, []));
            await catalog.ConfirmAsync(entry);
            jobs.Add(entry);
        }

        await AssertCountsAsync(db, alice: 4, bob: 2);
        await catalog.UpsertAsync(jobs[0] with { State = JobState.Transferring, BytesTransferred = 10 });
        await catalog.UpsertAsync(jobs[0] with { State = JobState.Acknowledged });
        await catalog.UpsertAsync(jobs[1] with { State = JobState.Cancelled });
        await AssertCountsAsync(db, alice: 2, bob: 2);

        await catalog.UpsertAsync(jobs[2] with { Owner = "bob" });
        await AssertCountsAsync(db, alice: 1, bob: 3);
        await catalog.UpsertAsync(jobs[1] with { State = JobState.Cancelled, Owner = "carol" });
        await AssertCountsAsync(db, alice: 1, bob: 3);

        await catalog.DeleteAsync(jobs[4].Id);
        await catalog.DeleteAsync(jobs[0].Id);
        await AssertCountsAsync(db, alice: 1, bob: 2);

        // A job's row written again on activation after it was lost counts again, once.
        await catalog.DeleteAsync(jobs[3].Id);
        await catalog.UpsertAsync(jobs[3]);
        await catalog.UpsertAsync(jobs[3]);
        await AssertCountsAsync(db, alice: 1, bob: 2);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Reservation_NotConfirmed_IsListedUntilConfirmedOrRemoved_AndRemovalFreesItsPlace(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var crashed = Entry("alice", JobState.Suspended);
        var confirmed = Entry("alice", JobState.Suspended);
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(crashed, 2, 100, ["/data/a"]));
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(confirmed, 2, 100, ["/data/b"]));
        await catalog.ConfirmAsync(confirmed);

        Assert.Equal([crashed.Id], await catalog.ListReservedBeforeAsync(s_baseTime.AddMinutes(1)).ToListAsync());
        Assert.Empty(await catalog.ListReservedBeforeAsync(s_baseTime).ToListAsync());
        Assert.Equal(JobReservationOutcome.OwnerLimitReached, (await catalog.TryReserveAsync(Entry("alice", JobState.Suspended), 2, 100, [])).Outcome);

        // What the sweep does once the job grain says the job does not exist.
        await catalog.DeleteAsync(crashed.Id);

        Assert.Empty(await catalog.ListReservedBeforeAsync(DateTimeOffset.MaxValue).ToListAsync());
        await AssertCountsAsync(db, alice: 1, bob: 0);
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(Entry("alice", JobState.Suspended), 2, 100, []));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Reservation_OfAnIdACrashedCreateLeft_ReplacesItsRowAndClaims(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var first = Entry("alice", JobState.Suspended);
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(first, 10, 100, ["/data/a", "/data/b"]));

        var retry = first with { DisplayName = "again", State = JobState.Queued };
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(retry, 10, 100, ["/data/b", "/data/c"]));

        Assert.Equal(retry, await catalog.FindAsync(first.Id));
        await AssertCountsAsync(db, alice: 1, bob: 0);
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal("/data/c", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/c"]));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Reservation_WithATakenDestination_WritesNothing_AndALimitReachedIsReportedFirst(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(Entry("alice", JobState.Suspended), 2, 100, ["/data/b"]));

        var refused = Entry("alice", JobState.Suspended);
        var result = await catalog.TryReserveAsync(refused, 2, 100, ["/data/c", "/data/b", "/data/a"]);

        Assert.Equal(new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: "/data/b"), result);
        Assert.Null(await catalog.FindAsync(refused.Id));
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a", "/data/c"]));
        await AssertCountsAsync(db, alice: 1, bob: 0);
        Assert.Equal(
            new JobReservation(JobReservationOutcome.OwnerLimitReached, 1),
            await catalog.TryReserveAsync(Entry("alice", JobState.Suspended), 1, 100, ["/data/b"]));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentOverlappingClaims_AreAllOrNone_AndNeverDeadlock(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var paths = Enumerable.Range(0, 12).Select(i => $"/data/{i:D2}").ToArray();
        var random = new Random(16);
        var requests = Enumerable.Range(0, 48)
            .Select(_ => (Entry: Entry("alice", JobState.Suspended), Paths: paths.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).ToArray()))
            .ToList();

        // A deadlock would fail a transaction (PostgreSQL detects it) or hang; every call must complete normally.
        var results = await Task.WhenAll(requests.Select(r => catalog.TryReserveAsync(r.Entry, 100, 100, r.Paths)));

        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var holders = (await connection.QueryAsync<(string Path, object JobId)>("SELECT local_path, job_id FROM transfer_destination"))
            .ToDictionary(h => h.Path, h => db.Database.FromDbId(h.JobId), StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var held = requests[i].Paths.Count(p => holders.GetValueOrDefault(p) == requests[i].Entry.Id);
            Assert.Equal(results[i].Outcome == JobReservationOutcome.Reserved ? requests[i].Paths.Length : 0, held);
            Assert.Equal(results[i].Outcome == JobReservationOutcome.Reserved, await catalog.FindAsync(requests[i].Entry.Id) is not null);
        }

        Assert.Contains(results, r => r.Outcome == JobReservationOutcome.Reserved);
        Assert.All(results.Where(r => r.Outcome != JobReservationOutcome.Reserved), r => Assert.Equal(JobReservationOutcome.DestinationTaken, r.Outcome));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Schema_CountsTheRowsOfAnExistingDatabaseOnce(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        foreach (var (owner, state) in new[] { ("alice", JobState.Queued), ("alice", JobState.Acknowledged), ("bob", JobState.Error) })
        {
            await catalog.UpsertAsync(Entry(owner, state));
        }

        // The database as an earlier version left it: no counters, and rows written without them.
        await using (var connection = await db.Database.OpenConnectionAsync(CancellationToken.None))
        {
            foreach (var trigger in new[] { "insert", "delete", "update" })
            {
                await connection.ExecuteAsync(profile == StorageProfile.Sqlite
                    ? $"DROP TRIGGER tr_transfer_job_count_{trigger}"
                    : $"DROP TRIGGER tr_transfer_job_count_{trigger} ON transfer_job");
            }

            await connection.ExecuteAsync("DROP TABLE transfer_job_count; DROP TABLE transfer_job_total");
        }

        await catalog.UpsertAsync(Entry("alice", JobState.Suspended));
        await catalog.UpsertAsync(Entry("carol", JobState.Cancelled));

        await db.CreateBootstrapper().EnsureSchemaAsync();
        await db.CreateBootstrapper().EnsureSchemaAsync();

        await AssertCountsAsync(db, alice: 2, bob: 1);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    private static async Task AssertCountsAsync(TestDatabase db, long alice, long bob)
    {
        var (owners, total) = await CatalogCounters.StoredAsync(db.Database);
        Assert.Equal((alice, bob), (owners.GetValueOrDefault("alice"), owners.GetValueOrDefault("bob")));
        Assert.Equal(owners.Values.Sum(), total);
    }

    private static async Task<long> ClaimCountAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfer_destination");
    }

    private static async Task<DapperJobCatalog> CreateCatalogAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return new DapperJobCatalog(db.Database);
    }

    private static JobCatalogEntry Entry(string owner, JobState state) => new(
        Guid.NewGuid(), $"job of {owner}", state, JobPriority.Normal, owner, 1000, 0, 1, 0, s_baseTime, s_baseTime);
}
