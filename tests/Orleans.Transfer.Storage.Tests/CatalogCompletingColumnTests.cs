using Dapper;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// The catalog's complete_when_transferred column (issue 16's crash gap): a catalog of an earlier release gains it at
/// start-up, its rows read false, and the start-up's scan of Transferred jobs the service completes itself finds the
/// rows written with it.
/// </summary>
public sealed class CatalogCompletingColumnTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task AnEarlierCatalog_GainsTheColumn_ItsRowsReadFalse_AndTheScanFindsRowsWrittenWithIt(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var old = Guid.NewGuid();
        await CreateEarlierCatalogAsync(db, profile, old);

        await db.CreateBootstrapper().EnsureSchemaAsync();
        var catalog = new DapperJobCatalog(db.Database);

        Assert.False((await catalog.FindAsync(old))!.CompleteWhenTransferred);
        Assert.Empty(await catalog.ListCompletingAsync().ToListAsync());

        var completing = Entry(Guid.NewGuid(), JobState.Transferred, completeWhenTransferred: true);
        await catalog.UpsertAsync(completing);
        await catalog.UpsertAsync(Entry(Guid.NewGuid(), JobState.Transferred, completeWhenTransferred: false));
        await catalog.UpsertAsync(Entry(Guid.NewGuid(), JobState.Acknowledged, completeWhenTransferred: true));
        await catalog.UpsertAsync(Entry(Guid.NewGuid(), JobState.Transferring, completeWhenTransferred: true));

        Assert.True((await catalog.FindAsync(completing.Id))!.CompleteWhenTransferred);
        Assert.Equal([completing.Id], await catalog.ListCompletingAsync().ToListAsync());

        // Acknowledged in the same row: no longer listed.
        await catalog.UpsertAsync(completing with { State = JobState.Acknowledged });
        Assert.Empty(await catalog.ListCompletingAsync().ToListAsync());
    }

    // The catalog table as its first release created it (no silo, pinned_host or complete_when_transferred), with a
    // Transferred row; the schema scripts then meet an existing table, as on an upgraded service.
    private static async Task CreateEarlierCatalogAsync(TestDatabase db, StorageProfile profile, Guid id)
    {
        var (idType, timeType) = profile == StorageProfile.Sqlite ? ("TEXT", "TEXT") : ("uuid", "timestamptz");
        db.Database.PrepareLocation();
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync($"""
            CREATE TABLE transfer_job
            (
                id {idType} NOT NULL PRIMARY KEY, owner TEXT NOT NULL, display_name TEXT NOT NULL, state INTEGER NOT NULL,
                priority INTEGER NOT NULL, bytes_total BIGINT NULL, bytes_transferred BIGINT NOT NULL, files_total INTEGER NOT NULL,
                files_transferred INTEGER NOT NULL, created {timeType} NOT NULL, modified {timeType} NOT NULL
            );
            INSERT INTO transfer_job VALUES (@Id, 'alice', 'old', 6, 1, 1, 1, 1, 1, @At, @At);
            """,
            new { Id = db.Database.ToDbId(id), At = db.Database.ToDbTime(s_at) });
    }

    private static JobCatalogEntry Entry(Guid id, JobState state, bool completeWhenTransferred) =>
        new(id, "job", state, JobPriority.Normal, "alice", 1, 1, 1, 1, s_at, s_at, CompleteWhenTransferred: completeWhenTransferred);
}
