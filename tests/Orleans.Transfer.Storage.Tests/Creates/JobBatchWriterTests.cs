using Dapper;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage.Tests.Creates;

/// <summary>
/// A batch create's one transaction (<see cref="JobBatchWriter"/>): every job's state row, catalog row, counters and
/// claims, or nothing, with the refusal naming the job at fault; exact under concurrent batches and single creates.
/// </summary>
public sealed class JobBatchWriterTests
{
    private static readonly DateTimeOffset s_baseTime = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Adds: a batch of two owners writes every state row (the job grain's key and state name), row, claim and count.</summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Batch_WritesEveryStateRowCatalogRowClaimAndCount(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog) = await CreateAsync(db);
        var jobs = new[] { Job("alice", ["/data/a", "/data/b"]), Job("bob", ["/data/c"]), Job("alice", []) };

        Assert.Null(await writer.CreateAsync(jobs));

        foreach (var job in jobs)
        {
            Assert.Equal(job.Reservation.Entry, await catalog.FindAsync(job.Reservation.Entry.Id));
            Assert.Equal((job.State.Name, 1), await ReadStateAsync(db, job.GrainId));
        }

        Assert.Equal("/data/b", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/b"]));
        Assert.Equal((2L, 1L, 3L), await CountsAsync(db));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    /// <summary>Adds: a claim another job holds, an existing id, or a full quota refuses the whole batch, naming the job.</summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Batch_Refused_WritesNothing_AndNamesTheJob(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog) = await CreateAsync(db);
        var holder = Job("alice", ["/data/held"]);
        Assert.Null(await writer.CreateAsync([holder]));

        var taken = new[] { Job("alice", ["/data/x"]), Job("alice", ["/data/y", "/data/held"]) };
        var existing = new[] { Job("alice", ["/data/x"]), holder with { Reservation = Reservation(holder.Reservation.Entry.Id, "alice", []) } };
        var overLimit = new[] { Job("bob", [], ownerLimit: 2), Job("alice", ["/data/x"], ownerLimit: 2), Job("alice", [], ownerLimit: 2) };
        var overService = new[] { Job("carol", [], serviceLimit: 3), Job("carol", [], serviceLimit: 3), Job("carol", [], serviceLimit: 3) };

        Assert.Equal(new JobBatchRefusal(1, new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: "/data/held")), await writer.CreateAsync(taken));
        Assert.Equal(new JobBatchRefusal(1, new JobReservation(JobReservationOutcome.AlreadyExists)), await writer.CreateAsync(existing));
        Assert.Equal(new JobBatchRefusal(1, new JobReservation(JobReservationOutcome.OwnerLimitReached, 1)), await writer.CreateAsync(overLimit));
        Assert.Equal(new JobBatchRefusal(0, new JobReservation(JobReservationOutcome.ServiceLimitReached, 1)), await writer.CreateAsync(overService));

        foreach (var job in taken.Concat(existing.Take(1)).Concat(overLimit).Concat(overService))
        {
            Assert.Null(await catalog.FindAsync(job.Reservation.Entry.Id));
            Assert.Null(await ReadStateAsync(db, job.GrainId));
        }

        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/x", "/data/y"]));
        Assert.Equal((1L, 0L, 1L), await CountsAsync(db));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    /// <summary>
    /// Adds: batches of one and of two owners, concurrent with single creates, never pass an owner's limit, never
    /// deadlock, and each batch is all or none.
    /// </summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentBatchesAndSingleCreates_KeepTheLimitsExact(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, _) = await CreateAsync(db);
        var single = new ReservingStateWriter(new StoredStateRows(StorageNames.Transfer, db.Database), new DapperJobCatalog(db.Database), new JsonProbeSerializer());
        var batches = Enumerable.Range(0, 16)
            .Select(b => Enumerable.Range(0, 3).Select(i => Job(b % 2 == 0 ? "alice" : (i % 2 == 0 ? "bob" : "alice"), [$"/data/{b}/{i}"], ownerLimit: 20)).ToList())
            .ToList();
        var singles = Enumerable.Range(0, 16).Select(i => Job(i % 2 == 0 ? "alice" : "bob", [$"/single/{i}"], ownerLimit: 20)).ToList();

        var batchWrites = batches.Select(b => writer.CreateAsync(b)).ToList();
        var singleWrites = singles.Select(s => single.WriteAsync(StorageNames.JobState, s.GrainId, new GrainState<ProbeJobState>(s.State), s.Reservation)).ToList();
        var refusals = await Task.WhenAll(batchWrites);
        await Task.WhenAll(singleWrites);

        var written = batches.Where((_, i) => refusals[i] is null).SelectMany(b => b)
            .Concat(singles.Where(s => s.Reservation.Outcome == JobReservation.Reserved))
            .ToList();
        var (alice, bob, total) = await CountsAsync(db);
        Assert.Equal((written.Count(j => j.Reservation.Entry.Owner == "alice"), written.Count(j => j.Reservation.Entry.Owner == "bob")), ((int)alice, (int)bob));
        Assert.InRange(alice, 18, 20);
        Assert.Equal(written.Count, total);
        foreach (var job in batches.SelectMany(b => b).Concat(singles))
        {
            Assert.Equal(written.Contains(job), await ReadStateAsync(db, job.GrainId) is not null);
        }

        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    private static async Task<(JobBatchWriter Writer, DapperJobCatalog Catalog)> CreateAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);
        return (new JobBatchWriter(db.Database, catalog, new StoredStateRows(StorageNames.Transfer, db.Database), new JsonProbeSerializer()), catalog);
    }

    private static JobBatchEntry<ProbeJobState> Job(string owner, string[] destinations, int ownerLimit = 100, int serviceLimit = 1000)
    {
        var id = Guid.NewGuid();
        var grain = GrainId.Create(GrainType.Create("transferjob"), GrainIdKeyExtensions.CreateGuidKey(id));
        return new(grain, new ProbeJobState { Name = $"job {id:N}" }, Reservation(id, owner, destinations, ownerLimit, serviceLimit));
    }

    private static JobRowReservation Reservation(Guid id, string owner, string[] destinations, int ownerLimit = 100, int serviceLimit = 1000) => new(
        new JobCatalogEntry(id, $"job of {owner}", JobState.Suspended, JobPriority.Normal, owner, 1000, 0, 1, 0, s_baseTime, s_baseTime, "silo", null, false),
        ownerLimit,
        serviceLimit,
        destinations);

    /// <summary>The stored state's name and version under the job grain's state name, or null when none is stored.</summary>
    private static async Task<(string Name, int Version)?> ReadStateAsync(TestDatabase db, GrainId grain)
    {
        var query = await new StoredStateRows(StorageNames.Transfer, db.Database).QueryAsync(StoredStateRows.ReadQuery);
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        await using var reader = await connection.ExecuteReaderAsync(query, StoredStateRows.Parameters(StorageNames.JobState, grain, null, null));
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var name = new JsonProbeSerializer().Deserialize<ProbeJobState>(new BinaryData((byte[])reader.GetValue(0)))!.Name;
        return (name, Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(long Alice, long Bob, long Total)> CountsAsync(TestDatabase db)
    {
        var (owners, total) = await CatalogCounters.StoredAsync(db.Database);
        return (owners.GetValueOrDefault("alice"), owners.GetValueOrDefault("bob"), total);
    }
}
