using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.History;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>The job history table on both profiles: numbering per job, paging, the bound of 500, the purge with the job.</summary>
public sealed class JobHistoryTests
{
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Append_NumbersEachJobFromOne_AndReadsAfterASeq_InOrder(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (catalog, history) = await CreateAsync(db);
        var first = await NewJobAsync(catalog);
        var second = await NewJobAsync(catalog);

        await history.AppendAsync(
        [
            Record(first, 0, JobHistoryKind.Created, JobState.Suspended),
            Record(second, 1, JobHistoryKind.Created, JobState.Suspended),
            Record(first, 2, JobHistoryKind.StateChanged, JobState.Queued),
        ]);
        await history.AppendAsync([Record(first, 3, JobHistoryKind.Retry, JobState.TransientError, "ServerUnreachable")]);

        var all = await history.ReadAsync(first, 0, 500);
        Assert.Equal([1L, 2L, 3L], all.Events.Select(e => e.Seq));
        Assert.Equal([JobHistoryKind.Created, JobHistoryKind.StateChanged, JobHistoryKind.Retry], all.Events.Select(e => e.Kind));
        Assert.Equal(new JobHistoryEntry(3, s_baseTime.AddSeconds(3), JobHistoryKind.Retry, JobState.TransientError, "ServerUnreachable", "entry 3"), all.Events[2]);
        Assert.Equal((0L, 3L), (all.Dropped, all.Next));

        var rest = await history.ReadAsync(first, 1, 1);
        Assert.Equal(2, Assert.Single(rest.Events).Seq);
        Assert.Equal(2, rest.Next);
        var none = await history.ReadAsync(first, 3, 10);
        Assert.Empty(none.Events);
        Assert.Equal(3, none.Next);
        Assert.Equal(1, Assert.Single((await history.ReadAsync(second, 0, 500)).Events).Seq);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Append_BeyondTheLimit_KeepsTheNewest_AndCountsTheDropped(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (catalog, history) = await CreateAsync(db);
        var job = await NewJobAsync(catalog);
        var total = JobLimits.HistoryEntriesKept + 20;

        await history.AppendAsync([.. Enumerable.Range(0, 300).Select(i => Record(job, i, JobHistoryKind.StateChanged, JobState.Queued))]);
        await history.AppendAsync([.. Enumerable.Range(300, total - 300).Select(i => Record(job, i, JobHistoryKind.StateChanged, JobState.Queued))]);

        var page = await history.ReadAsync(job, 0, JobLimits.MaxHistoryPageSize);
        Assert.Equal(20, page.Dropped);
        Assert.Equal(JobLimits.HistoryEntriesKept, page.Events.Count);
        Assert.Equal(21, page.Events[0].Seq);
        Assert.Equal(total, page.Next);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task DeletingTheJobsCatalogRow_PurgesItsHistory_AndLaterEntriesAreNotWritten(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var (catalog, history) = await CreateAsync(db);
        var purged = await NewJobAsync(catalog);
        var kept = await NewJobAsync(catalog);
        await history.AppendAsync([Record(purged, 0, JobHistoryKind.Created, JobState.Suspended), Record(kept, 1, JobHistoryKind.Created, JobState.Suspended)]);

        await catalog.DeleteAsync(purged);
        await history.AppendAsync([Record(purged, 2, JobHistoryKind.StateChanged, JobState.Cancelled)]);

        Assert.Empty((await history.ReadAsync(purged, 0, 500)).Events);
        Assert.Single((await history.ReadAsync(kept, 0, 500)).Events);
    }

    private static async Task<(DapperJobCatalog Catalog, DapperJobHistory History)> CreateAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return (new DapperJobCatalog(db.Database), new DapperJobHistory(db.Database));
    }

    private static async Task<Guid> NewJobAsync(DapperJobCatalog catalog)
    {
        var id = Guid.NewGuid();
        await catalog.UpsertAsync(new JobCatalogEntry(id, "job", JobState.Suspended, JobPriority.Normal, "alice", 1000, 0, 3, 0, s_baseTime, s_baseTime));
        return id;
    }

    private static JobHistoryRecord Record(Guid job, int i, JobHistoryKind kind, JobState state, string? code = null) =>
        new(job, s_baseTime.AddSeconds(i), kind, state, code, $"entry {i}");
}
