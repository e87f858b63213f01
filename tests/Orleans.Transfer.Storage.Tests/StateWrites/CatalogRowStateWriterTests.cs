using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;
using Orleans.Transfer.Storage.Tests.Creates;
using static Orleans.Transfer.Storage.Tests.StoredJobStates;

namespace Orleans.Transfer.Storage.Tests.StateWrites;

/// <summary>
/// A state change's one transaction: the state row, the catalog row (with its counters) and, for a job that ended, the
/// release of its claims, written together or not at all.
/// </summary>
public sealed class CatalogRowStateWriterTests
{
    private static readonly DateTimeOffset s_baseTime = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task StateChange_WritesStateAndRow_AndAFinalOneReleasesTheClaims(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = await CreatedAsync(db, catalog, rows, ["/data/a"]);

        state.State!.Name = "transferred";
        await writer.WriteAsync(StateName, GrainOf(id), state, new CatalogRowWrite(Entry(id, JobState.Transferred), releaseDestinations: false));

        Assert.Equal("2", state.ETag);
        Assert.Equal("transferred", await ReadNameAsync(db, rows, id));
        Assert.Equal(JobState.Transferred, (await catalog.FindAsync(id))!.State);
        Assert.Equal("/data/a", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));

        state.State!.Name = "acknowledged";
        await writer.WriteAsync(StateName, GrainOf(id), state, new CatalogRowWrite(Entry(id, JobState.Acknowledged), releaseDestinations: true));

        Assert.Equal("acknowledged", await ReadNameAsync(db, rows, id));
        Assert.Equal(JobState.Acknowledged, (await catalog.FindAsync(id))!.State);
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal(0, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task StaleVersion_WritesNeitherTheStateNorTheRow_NorReleasesClaims(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = await CreatedAsync(db, catalog, rows, ["/data/a"]);
        var stale = new GrainState<ProbeJobState>(new ProbeJobState { Name = "stale" }) { ETag = state.ETag, RecordExists = true };
        state.State!.Name = "newer";
        await writer.WriteAsync(StateName, GrainOf(id), state, new CatalogRowWrite(Entry(id, JobState.Transferring), releaseDestinations: false));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            writer.WriteAsync(StateName, GrainOf(id), stale, new CatalogRowWrite(Entry(id, JobState.Cancelled), releaseDestinations: true)));

        Assert.Equal("newer", await ReadNameAsync(db, rows, id));
        Assert.Equal(JobState.Transferring, (await catalog.FindAsync(id))!.State);
        Assert.Equal("/data/a", await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), ["/data/a"]));
        Assert.Equal(1, (await CatalogCounters.StoredAsync(db.Database)).Total);
        await CatalogCounters.AssertMatchRowsAsync(db.Database);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task StateChange_LeavesTheStoredCreatedTime_WhateverTheEntrySays(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = await CreatedAsync(db, catalog, rows, []);

        // `created` is not in the update's SET list (it never changes, and naming it rewrote its index at every write).
        var later = Entry(id, JobState.Transferred) with { Created = s_baseTime.AddHours(1), Modified = s_baseTime.AddHours(1) };
        await writer.WriteAsync(StateName, GrainOf(id), state, new CatalogRowWrite(later, releaseDestinations: false));

        var stored = (await catalog.FindAsync(id))!;
        Assert.Equal(s_baseTime, stored.Created);
        Assert.Equal(s_baseTime.AddHours(1), stored.Modified);
        Assert.Equal(JobState.Transferred, stored.State);
    }

    [Fact]
    public async Task ProfileStorage_SendsAStateWithARowToTheWriter_AndAPlainOneToTheProvider()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProfile.Sqlite);
        var (writer, catalog, rows) = await CreateAsync(db);
        var (id, state) = await CreatedAsync(db, catalog, rows, []);
        var inner = new CountingStorage();
        var storage = new ProfileGrainStorage(inner, new ReservingStateWriter(rows, catalog, new JsonProbeSerializer()), writer, activators: null!);

        state.State!.PendingCatalogRow = new CatalogRowWrite(Entry(id, JobState.Transferred), releaseDestinations: false);
        await storage.WriteStateAsync(StateName, GrainOf(id), state);
        state.State!.PendingCatalogRow = null;
        await storage.WriteStateAsync(StateName, GrainOf(id), state);

        Assert.Equal(1, inner.Writes);
        Assert.Equal(JobState.Transferred, (await catalog.FindAsync(id))!.State);
    }

    private static async Task<(CatalogRowStateWriter Writer, DapperJobCatalog Catalog, StoredStateRows Rows)> CreateAsync(TestDatabase db)
    {
        var (catalog, rows) = await StoredJobStates.CreateAsync(db);
        return (new CatalogRowStateWriter(rows, db.Database, catalog, new JsonProbeSerializer()), catalog, rows);
    }

    // A job as its create left it: state, row, counters and claims.
    private static async Task<(Guid Id, GrainState<ProbeJobState> State)> CreatedAsync(
        TestDatabase db, DapperJobCatalog catalog, StoredStateRows rows, string[] destinations)
    {
        var id = Guid.NewGuid();
        var state = new GrainState<ProbeJobState>(new ProbeJobState { Name = "queued" });
        var reservation = new JobRowReservation(Entry(id, JobState.Queued), 100, 1000, destinations);
        await new ReservingStateWriter(rows, catalog, new JsonProbeSerializer()).WriteAsync(StateName, GrainOf(id), state, reservation);
        Assert.Equal(JobReservation.Reserved, reservation.Outcome);
        Assert.Equal(1, (await CatalogCounters.StoredAsync(db.Database)).Total);
        return (id, state);
    }

    private static JobCatalogEntry Entry(Guid id, JobState state) =>
        new(id, "job", state, JobPriority.Normal, "alice", 1000, 0, 1, 0, s_baseTime, s_baseTime);

    private sealed class CountingStorage : IGrainStorage
    {
        public int Writes { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes++;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
