using Dapper;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

public sealed class JobCatalogTests
{
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task UpsertAsync_NewThenChanged_ListReturnsLatestValuesExactly(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var entry = Entry("alice", JobState.Suspended, created: s_baseTime) with { BytesTotal = null };
        await catalog.UpsertAsync(entry);

        var changed = entry with
        {
            State = JobState.Transferring,
            BytesTotal = 5_000_000_000,
            BytesTransferred = 42,
            FilesTransferred = 1,
            // One microsecond: the finest unit PostgreSQL keeps.
            Modified = s_baseTime.AddMinutes(5).AddTicks(10),
        };
        await catalog.UpsertAsync(changed);

        var listed = Assert.Single(await CatalogListing.AllAsync(catalog, new JobListQuery(null, IncludeFinal: true)));
        Assert.Equal(changed, listed);
        Assert.Equal(TimeSpan.Zero, listed.Created.Offset);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task List_Filters_ByOwnerAndFinalState_OrderedByCreated(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var late = Entry("alice", JobState.Queued, s_baseTime.AddHours(2));
        var early = Entry("alice", JobState.Error, s_baseTime);
        var acknowledged = Entry("alice", JobState.Acknowledged, s_baseTime.AddHours(1));
        var cancelled = Entry("bob", JobState.Cancelled, s_baseTime.AddHours(3));
        var bobs = Entry("bob", JobState.Transferred, s_baseTime.AddHours(4));
        foreach (var entry in new[] { late, early, acknowledged, cancelled, bobs })
        {
            await catalog.UpsertAsync(entry);
        }

        Assert.Equal([early.Id, late.Id, bobs.Id], Ids(await CatalogListing.AllAsync(catalog, new JobListQuery(null, IncludeFinal: false))));
        Assert.Equal([early.Id, acknowledged.Id, late.Id], Ids(await CatalogListing.AllAsync(catalog, new JobListQuery("alice", IncludeFinal: true))));
        Assert.Equal([bobs.Id], Ids(await CatalogListing.AllAsync(catalog, new JobListQuery("bob", IncludeFinal: false))));
        Assert.Empty(await CatalogListing.AllAsync(catalog, new JobListQuery("carol", IncludeFinal: true)));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListActiveAsync_ReturnsJobsTheServiceMustResume(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var entries = Enum.GetValues<JobState>()
            .Select((state, i) => Entry("alice", state, s_baseTime.AddMinutes(i)))
            .ToList();
        foreach (var entry in entries)
        {
            await catalog.UpsertAsync(entry);
        }

        var active = await catalog.ListActiveAsync().ToListAsync();

        Assert.Equal(entries.Where(e => e.State.IsActive()).Select(e => e.Id), active);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListActiveOnSiloAsync_ReturnsTheActiveJobsTheSiloLastRan_AndFindReadsTheSilo(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        const string dead = "10.0.0.1:11111@155400000";
        const string alive = "10.0.0.2:11111@155400000";
        var onDead = Entry("alice", JobState.Transferring, s_baseTime) with { Silo = dead };
        var suspendedOnDead = Entry("alice", JobState.Suspended, s_baseTime.AddMinutes(1)) with { Silo = dead };
        var queuedOnDead = Entry("bob", JobState.Queued, s_baseTime.AddMinutes(2)) with { Silo = dead };
        var onAlive = Entry("alice", JobState.Transferring, s_baseTime.AddMinutes(3)) with { Silo = alive };
        var older = Entry("alice", JobState.Queued, s_baseTime.AddMinutes(4));
        foreach (var entry in new[] { onDead, suspendedOnDead, queuedOnDead, onAlive, older })
        {
            await catalog.UpsertAsync(entry);
        }

        Assert.Equal([onDead.Id, queuedOnDead.Id], await catalog.ListActiveOnSiloAsync(dead).ToListAsync());
        Assert.Equal(dead, (await catalog.FindAsync(onDead.Id))!.Silo);
        Assert.Null((await catalog.FindAsync(older.Id))!.Silo);

        // The job moved: its row names the survivor.
        await catalog.UpsertAsync(onDead with { Silo = alive });
        Assert.Equal([queuedOnDead.Id], await catalog.ListActiveOnSiloAsync(dead).ToListAsync());
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListActiveOnSiloAsync_LeavesOutPinnedJobs_AndFindReadsThePin(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        const string dead = "10.0.0.1:11111@155400000";
        var free = Entry("alice", JobState.Transferring, s_baseTime) with { Silo = dead };
        var pinned = Entry("alice", JobState.Transferring, s_baseTime.AddMinutes(1)) with { Silo = dead, PinnedHost = "host1" };
        await catalog.UpsertAsync(free);
        await catalog.UpsertAsync(pinned);

        Assert.Equal([free.Id], await catalog.ListActiveOnSiloAsync(dead).ToListAsync());
        Assert.Equal("host1", (await catalog.FindAsync(pinned.Id))!.PinnedHost);
        Assert.Null((await catalog.FindAsync(free.Id))!.PinnedHost);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListActiveNotOnSilosAsync_LeavesTheJobsOfLiveSilos_AndListsDeadUnknownAndUnrecorded(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        const string self = "10.0.0.3:11111@155400009";
        const string live = "10.0.0.2:11111@155400000";
        const string unknown = "10.0.0.1:11111@155300000";
        var onSelf = Entry("alice", JobState.Queued, s_baseTime) with { Silo = self };
        var onLive = Entry("alice", JobState.Transferring, s_baseTime.AddMinutes(1)) with { Silo = live };
        var onUnknown = Entry("bob", JobState.TransientError, s_baseTime.AddMinutes(2)) with { Silo = unknown };
        var unrecorded = Entry("bob", JobState.Connecting, s_baseTime.AddMinutes(3));
        var suspended = Entry("bob", JobState.Suspended, s_baseTime.AddMinutes(4)) with { Silo = unknown };
        foreach (var entry in new[] { onSelf, onLive, onUnknown, unrecorded, suspended })
        {
            await catalog.UpsertAsync(entry);
        }

        Assert.Equal([onSelf.Id, onUnknown.Id, unrecorded.Id], await catalog.ListActiveNotOnSilosAsync([live]).ToListAsync());
        Assert.Equal([onSelf.Id, onLive.Id, onUnknown.Id, unrecorded.Id], await catalog.ListActiveNotOnSilosAsync([]).ToListAsync());
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task DeleteAsync_RemovesRowAndClaims(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var entry = Entry("alice", JobState.Queued, s_baseTime);
        await catalog.UpsertAsync(entry);
        Assert.Null(await catalog.TryClaimDestinationsAsync(entry.Id, ["/data/a"]));

        await catalog.DeleteAsync(entry.Id);

        Assert.Empty(await CatalogListing.AllAsync(catalog, new JobListQuery(null, IncludeFinal: true)));
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TryClaimDestinationsAsync_PathHeldByOtherJob_ReturnsItAndClaimsNothing(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(first, ["/data/b"]));

        var conflict = await catalog.TryClaimDestinationsAsync(second, ["/data/a", "/data/b", "/data/c"]);

        Assert.Equal("/data/b", conflict);
        // All or none: /data/a and /data/c stay free, so a third job can take them.
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a", "/data/c"]));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TryClaimDestinationsAsync_SameJobReclaims_Succeeds(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var job = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(job, ["/data/a", "/data/b"]));

        Assert.Null(await catalog.TryClaimDestinationsAsync(job, ["/data/b", "/data/c", "/data/c"]));
        Assert.Equal("/data/c", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/x", "/data/c"]));
    }

    /// <summary>
    /// Adds: a claim of 1,200 paths (three statements of <see cref="DestinationClaims.PathsPerStatement"/>) with other
    /// jobs' paths spread across it answers the first of them in ordinal order and claims none of its paths, and
    /// without them claims all, its own earlier claims included.
    /// </summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TryClaimDestinationsAsync_MoreThanOneStatement_ConflictsAcrossIt_AllOrNone(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var paths = Enumerable.Range(0, 1200).Select(i => $"/data/{i:D4}").ToArray();
        Assert.True(paths.Length > 2 * DestinationClaims.PathsPerStatement);
        var other = Guid.NewGuid();
        string[] taken = [paths[1150], paths[620], paths[499], paths[7]];
        Assert.Null(await catalog.TryClaimDestinationsAsync(other, taken));
        var job = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(job, [paths[1199], paths[3]]));

        Assert.Equal(paths[7], await catalog.TryClaimDestinationsAsync(job, [.. paths.Reverse()]));
        var probe = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(probe, [paths[8], paths[500], paths[1198]]));
        await catalog.ReleaseDestinationsAsync(probe);

        await catalog.ReleaseDestinationsAsync(other);
        Assert.Null(await catalog.TryClaimDestinationsAsync(job, paths));
        Assert.Equal(paths[1150], await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), [paths[1150]]));
        Assert.Equal(paths, await ClaimedPathsAsync(db, job));
    }

    /// <summary>
    /// Adds: paths with quotes, backslashes, non-ASCII (one outside the BMP), SQL LIKE's % and _, JSON's own escapes
    /// and a comma are claimed as themselves, each distinct from its look-alikes: the one parameter's encoding (JSON on
    /// SQLite, an array on PostgreSQL) round-trips, and a conflict answers the path as given.
    /// </summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TryClaimDestinationsAsync_PathsWithCharactersTheEncodingEscapes_RoundTrip(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        string[] odd =
        [
            "/data/it's \"quoted\".bin", "/data/back\\slash\\", "C:\\Users\\x\\\\y", "/data/größe/файл/文件.txt", "/data/😀 emoji",
            "/data/100%_done", "/data/a_b%c", "/data/tab\there", "/data/\\u0041 not an escape", "/data/[1,2]", "/data/a, b", "/data/{}",
        ];
        string[] lookAlikes = ["/data/its \"quoted\".bin", "/data/back/slash/", "/data/grosse/файл/文件.txt", "/data/100x_done", "/data/A not an escape", "/data/a"];
        var job = Guid.NewGuid();

        Assert.Null(await catalog.TryClaimDestinationsAsync(job, odd));
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), lookAlikes));

        Assert.Equal(odd.Order(StringComparer.Ordinal), await ClaimedPathsAsync(db, job));
        foreach (var path in odd)
        {
            Assert.Equal(path, await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/free", path]));
        }

        Assert.Null(await catalog.TryClaimDestinationsAsync(job, odd));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ReleaseDestinationsAsync_FreesOnlyThatJobsPaths(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(first, ["/data/a"]));
        Assert.Null(await catalog.TryClaimDestinationsAsync(second, ["/data/b"]));

        await catalog.ReleaseDestinationsAsync(first);

        var third = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(third, ["/data/a"]));
        Assert.Equal("/data/b", await catalog.TryClaimDestinationsAsync(third, ["/data/b"]));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TryClaimDestinationsAsync_ConcurrentJobsForOnePath_ExactlyOneWins(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/shared", "/data/other"])));

        Assert.Single(results, r => r is null);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListClaimsWithoutJobAsync_NamesOnlyClaimsWhoseJobHasNoRow(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var listed = Entry("alice", JobState.Queued, s_baseTime);
        await catalog.UpsertAsync(listed);
        var orphan = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(listed.Id, ["/data/a"]));
        Assert.Null(await catalog.TryClaimDestinationsAsync(orphan, ["/data/b", "/data/c"]));

        Assert.Equal([orphan], await catalog.ListClaimsWithoutJobAsync().ToListAsync());

        await catalog.ReleaseDestinationsAsync(orphan);
        Assert.Empty(await catalog.ListClaimsWithoutJobAsync().ToListAsync());
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListFinalModifiedBeforeAsync_ReturnsOnlyFinalJobsLastChangedBeforeTheCutOff(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var oldCancelled = Entry("alice", JobState.Cancelled, s_baseTime);
        var oldAcknowledged = Entry("alice", JobState.Acknowledged, s_baseTime.AddMinutes(1));
        var recentCancelled = Entry("bob", JobState.Cancelled, s_baseTime) with { Modified = s_baseTime.AddDays(8) };
        var oldError = Entry("bob", JobState.Error, s_baseTime);
        var oldSuspended = Entry("bob", JobState.Suspended, s_baseTime);
        foreach (var entry in new[] { oldCancelled, oldAcknowledged, recentCancelled, oldError, oldSuspended })
        {
            await catalog.UpsertAsync(entry);
        }

        var expired = await catalog.ListFinalModifiedBeforeAsync(s_baseTime.AddDays(7)).ToListAsync();

        Assert.Equal([oldCancelled.Id, oldAcknowledged.Id], expired);
    }

    private static async Task<DapperJobCatalog> CreateCatalogAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return new DapperJobCatalog(db.Database);
    }

    /// <summary>The paths the job holds as stored, in ordinal order.</summary>
    private static async Task<List<string>> ClaimedPathsAsync(TestDatabase db, Guid jobId)
    {
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var paths = await connection.QueryAsync<string>(
            new CommandDefinition("SELECT local_path FROM transfer_destination WHERE job_id = @JobId", new { JobId = db.Database.ToDbId(jobId) }));
        return [.. paths.Order(StringComparer.Ordinal)];
    }

    private static JobCatalogEntry Entry(string owner, JobState state, DateTimeOffset created) => new(
        Guid.NewGuid(), $"job of {owner}", state, JobPriority.Normal, owner, 1000, 0, 3, 0, created, created);

    private static Guid[] Ids(IReadOnlyList<JobCatalogEntry> entries) => [.. entries.Select(e => e.Id)];
}
