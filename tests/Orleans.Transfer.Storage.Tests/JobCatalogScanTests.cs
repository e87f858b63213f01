using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>The scans read the catalog in keyset pages: every matching id once, in the order one page would give.</summary>
public sealed class JobCatalogScanTests
{
    private const int PageSize = 7;
    private const string Live = "10.0.0.2:11111@155400000";
    private const string Dead = "10.0.0.1:11111@155400000";
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task EveryScan_VisitsEachMatchingIdExactlyOnce_AcrossPages(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        var paged = new DapperJobCatalog(db.Database) { ScanPageSize = PageSize };
        var whole = new DapperJobCatalog(db.Database) { ScanPageSize = 10_000 };
        var states = Enum.GetValues<JobState>();

        // Runs of rows share a time, so page boundaries fall inside them and the id must break the tie.
        var entries = Enumerable.Range(0, 180).Select(i =>
        {
            var at = s_baseTime.AddMinutes(i / 4);
            return new JobCatalogEntry(Guid.NewGuid(), $"job {i}", states[i % states.Length], JobPriority.Normal, "alice", 1, 0, 1, 0, at, at)
            {
                Silo = (i % 3) switch { 0 => null, 1 => Live, _ => Dead },
                CompleteWhenTransferred = i % 4 != 3,
            };
        }).ToList();
        foreach (var entry in entries)
        {
            await paged.UpsertAsync(entry);
        }

        var reserved = Enumerable.Range(0, 20).Select(i => new JobCatalogEntry(
            Guid.NewGuid(), "reserved", JobState.Suspended, JobPriority.Normal, "bob", 1, 0, 1, 0, s_baseTime, s_baseTime)).ToList();
        foreach (var entry in reserved)
        {
            await paged.TryReserveAsync(entry, 100, 1000, []);
        }

        var orphans = Enumerable.Range(0, 17).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (orphan, i) in orphans.Select((o, i) => (o, i)))
        {
            Assert.Null(await paged.TryClaimDestinationsAsync(orphan, [$"/data/{i}/a", $"/data/{i}/b"]));
        }

        var cutOff = s_baseTime.AddMinutes(30);
        await AssertScanAsync(
            c => c.ListActiveAsync(), paged, whole, entries.Where(e => e.State.IsActive()).Select(e => e.Id));
        await AssertScanAsync(
            c => c.ListCompletingAsync(), paged, whole,
            entries.Where(e => e is { State: JobState.Transferred, CompleteWhenTransferred: true }).Select(e => e.Id));
        await AssertScanAsync(
            c => c.ListActiveNotOnSilosAsync([Live, "10.0.0.9:11111@1"]), paged, whole,
            entries.Where(e => e.State.IsActive() && e.Silo != Live).Select(e => e.Id));
        await AssertScanAsync(
            c => c.ListUnfinishedModifiedBeforeAsync(cutOff), paged, whole,
            entries.Where(e => !e.State.IsFinal() && e.Modified < cutOff).Select(e => e.Id).Concat(reserved.Select(r => r.Id)));
        await AssertScanAsync(
            c => c.ListFinalModifiedBeforeAsync(cutOff), paged, whole, entries.Where(e => e.State.IsFinal() && e.Modified < cutOff).Select(e => e.Id));
        await AssertScanAsync(c => c.ListReservedBeforeAsync(cutOff), paged, whole, reserved.Select(r => r.Id));
        await AssertScanAsync(c => c.ListClaimsWithoutJobAsync(), paged, whole, orphans);
    }

    private static async Task AssertScanAsync(
        Func<IJobCatalog, IAsyncEnumerable<Guid>> scan,
        IJobCatalog paged,
        IJobCatalog whole,
        IEnumerable<Guid> expected)
    {
        var pages = await scan(paged).ToListAsync();
        var expectedIds = expected.ToList();
        Assert.True(expectedIds.Count > 2 * PageSize, "the scan must span several pages");
        Assert.Equal(expectedIds.Count, pages.Count);
        Assert.Equal(expectedIds.Order(), pages.Order());
        Assert.Equal(await scan(whole).ToListAsync(), pages);
    }
}
