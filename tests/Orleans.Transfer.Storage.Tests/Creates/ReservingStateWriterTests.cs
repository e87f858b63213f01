using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;
using static Orleans.Transfer.Storage.Tests.StoredJobStates;

namespace Orleans.Transfer.Storage.Tests.Creates;

/// <summary>
/// A create's one transaction: the state row, the catalog row, the counters and the claims are written together or not
/// at all, exactly under concurrent creates, with no reservation left to confirm or to sweep.
/// </summary>
public sealed class ReservingStateWriterTests
{
    private static readonly DateTimeOffset s_baseTime = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Create_WritesStateRowCountersAndClaims_WithNoReservationLeft(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = NewState("alice", out var reservation, ["/data/a"]);

        await writer.WriteAsync(StateName, GrainOf(id), state, reservation);

        Assert.Equal(JobReservation.Reserved, reservation.Outcome);
        Assert.Equal(("1", true), (state.ETag, state.RecordExists));
        Assert.Equal(reservation.Entry, await catalog.FindAsync(id));
        Assert.Equal("job of alice", await ReadNameAsync(db, rows, id));
        Assert.Empty(await catalog.ListReservedBeforeAsync(DateTimeOffset.MaxValue).ToListAsync());
        Assert.Equal("/data/a", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal(1, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Create_Refused_WritesNothing_AndSaysWhy(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (firstId, first) = NewState("alice", out var firstReservation, ["/data/a"], ownerLimit: 1);
        await writer.WriteAsync(StateName, GrainOf(firstId), first, firstReservation);

        var (overId, over) = NewState("alice", out var overLimit, ["/data/b"], ownerLimit: 1);
        await writer.WriteAsync(StateName, GrainOf(overId), over, overLimit);
        var (takenId, taken) = NewState("bob", out var pathTaken, ["/data/c", "/data/a"]);
        await writer.WriteAsync(StateName, GrainOf(takenId), taken, pathTaken);

        Assert.Equal(new JobReservation(JobReservationOutcome.OwnerLimitReached, 1), overLimit.Outcome);
        Assert.Equal(new JobReservation(JobReservationOutcome.DestinationTaken, TakenDestination: "/data/a"), pathTaken.Outcome);
        foreach (var (id, state) in new[] { (overId, over), (takenId, taken) })
        {
            Assert.Equal((null, false), (state.ETag, state.RecordExists));
            Assert.Null(await catalog.FindAsync(id));
            Assert.Null(await ReadNameAsync(db, rows, id));
        }

        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/b", "/data/c"]));
        Assert.Equal(1, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentCreates_AgainstAnOwnerLimitOfTen_ExactlyTenWriteTheirState(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, _, rows) = await CreateAsync(db);
        var creates = Enumerable.Range(0, 64).Select(i =>
        {
            var (id, state) = NewState("alice", out var reservation, [$"/data/{i}"], ownerLimit: 10);
            return (Id: id, State: state, Reservation: reservation);
        }).ToList();

        await Task.WhenAll(creates.Select(c => writer.WriteAsync(StateName, GrainOf(c.Id), c.State, c.Reservation)));

        var written = creates.Where(c => c.Reservation.Outcome == JobReservation.Reserved).ToList();
        Assert.Equal(10, written.Count);
        Assert.All(creates.Except(written), c => Assert.Equal(new JobReservation(JobReservationOutcome.OwnerLimitReached, 10), c.Reservation.Outcome));
        foreach (var create in creates)
        {
            Assert.Equal(written.Contains(create), await ReadNameAsync(db, rows, create.Id) is not null);
        }

        Assert.Equal(10, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Create_WhoseStateWriteFails_LeavesNoRowCountOrClaim(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = NewState("alice", out var reservation, ["/data/a"]);

        // A state row already under the id: the insert conflicts, as a second writer of the same job would.
        var earlier = new GrainState<ProbeJobState>(new ProbeJobState { Name = "earlier" });
        await writer.WriteAsync(StateName, GrainOf(id), earlier, Reservation(id, "bob", []));
        await catalog.DeleteAsync(id);

        await Assert.ThrowsAsync<InconsistentStateException>(() => writer.WriteAsync(StateName, GrainOf(id), state, reservation));

        Assert.Null(reservation.Outcome);
        Assert.Null(await catalog.FindAsync(id));
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal(0, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
        Assert.Equal("earlier", await ReadNameAsync(db, rows, id));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Create_WithMoreClaimsThanOneStatementHolds_ClaimsThemAll(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, _) = await CreateAsync(db);
        var paths = Enumerable.Range(0, DestinationClaims.PathsPerStatement + 1).Select(i => $"/data/{i:D4}").ToArray();
        var (id, state) = NewState("alice", out var reservation, paths);

        await writer.WriteAsync(StateName, GrainOf(id), state, reservation);

        Assert.Equal(JobReservation.Reserved, reservation.Outcome);
        Assert.Equal(paths[^1], await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), [paths[^1]]));
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Create_OverARowItsIdLeftEarlier_ReplacesTheRow(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = NewState("alice", out var reservation, ["/data/a"]);

        // What a create of this id that crashed before writing its state left: the create removes it and writes its own.
        Assert.Equal(JobReservation.Reserved, await catalog.TryReserveAsync(Reservation(id, "bob", []).Entry, 100, 1000, ["/data/b"]));
        await writer.WriteAsync(StateName, GrainOf(id), state, reservation);

        Assert.Equal(JobReservation.Reserved, reservation.Outcome);
        Assert.Equal(reservation.Entry, await catalog.FindAsync(id));
        Assert.Equal("job of alice", await ReadNameAsync(db, rows, id));
        Assert.Empty(await catalog.ListReservedBeforeAsync(DateTimeOffset.MaxValue).ToListAsync());
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/b"]));
        Assert.Equal(1, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    private static async Task<(ReservingStateWriter Writer, DapperJobCatalog Catalog, StoredStateRows Rows)> CreateAsync(TestDatabase db)
    {
        var (catalog, rows) = await StoredJobStates.CreateAsync(db);
        return (new ReservingStateWriter(rows, catalog, new JsonProbeSerializer()), catalog, rows);
    }

    private static (Guid Id, GrainState<ProbeJobState> State) NewState(
        string owner, out JobRowReservation reservation, string[] destinations, int ownerLimit = 100)
    {
        var id = Guid.NewGuid();
        reservation = Reservation(id, owner, destinations, ownerLimit);
        return (id, new GrainState<ProbeJobState>(new ProbeJobState { Name = reservation.Entry.DisplayName }));
    }

    private static JobRowReservation Reservation(Guid id, string owner, string[] destinations, int ownerLimit = 100) => new(
        new JobCatalogEntry(id, $"job of {owner}", JobState.Suspended, JobPriority.Normal, owner, 1000, 0, 1, 0, s_baseTime, s_baseTime),
        ownerLimit,
        1000,
        destinations);
}
