using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>Paged listing: stable (created, id) order, filters, an opaque continuation token, and bad tokens refused.</summary>
public sealed class JobCatalogPagingTests
{
    private static readonly DateTimeOffset s_baseTime = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static async Task<DapperJobCatalog> CreateCatalogAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return new DapperJobCatalog(db.Database);
    }

    private static JobCatalogEntry Entry(string owner, string name, JobState state, JobPriority priority, DateTimeOffset created) =>
        new(Guid.NewGuid(), name, state, priority, owner, 1000, 0, 1, 0, created, created);

    private static async Task<List<Guid>> AllPagesAsync(DapperJobCatalog catalog, JobListQuery query)
    {
        var ids = new List<Guid>();
        string? token = null;
        do
        {
            var page = await catalog.ListPageAsync(query with { ContinuationToken = token });
            Assert.True(page.Entries.Count <= query.PageSize);
            ids.AddRange(page.Entries.Select(e => e.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return ids;
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Pages_WalkEveryRowOnce_InCreatedThenIdOrder(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);

        // Five rows share one creation time, so the id must break the tie across page boundaries.
        var entries = Enumerable.Range(0, 12)
            .Select(i => Entry("alice", $"job {i}", JobState.Queued, JobPriority.Normal, s_baseTime.AddSeconds(i < 5 ? 0 : i)))
            .ToList();
        foreach (var entry in entries.AsEnumerable().Reverse())
        {
            await catalog.UpsertAsync(entry);
        }

        var expected = Ids(await CatalogListing.AllAsync(catalog, new JobListQuery(null, IncludeFinal: true)));
        var paged = await AllPagesAsync(catalog, new JobListQuery(null, IncludeFinal: true, PageSize: 3));

        Assert.Equal(expected, paged);
        Assert.Equal(entries.Select(e => e.Id).Order(), paged.Order());
        var last = await catalog.ListPageAsync(new JobListQuery(null, IncludeFinal: true, PageSize: 12));
        Assert.Null(last.ContinuationToken);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Filters_OwnerStatesPriorityNamePrefixAndCreated(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        var nightly = Entry("alice", "nightly_%build", JobState.Queued, JobPriority.High, s_baseTime);
        var nightlyOther = Entry("alice", "nightlyXbuild", JobState.Error, JobPriority.Normal, s_baseTime.AddHours(1));
        var lower = Entry("alice", "Nightly_%build", JobState.Queued, JobPriority.High, s_baseTime.AddHours(2));
        var bobs = Entry("bob", "nightly_%build", JobState.Transferred, JobPriority.High, s_baseTime.AddHours(3));
        var done = Entry("alice", "nightly_%build", JobState.Acknowledged, JobPriority.High, s_baseTime.AddHours(4));
        foreach (var entry in new[] { nightly, nightlyOther, lower, bobs, done })
        {
            await catalog.UpsertAsync(entry);
        }

        async Task<Guid[]> List(JobListQuery query) => Ids((await catalog.ListPageAsync(query)).Entries);

        Assert.Equal([nightly.Id, nightlyOther.Id, lower.Id], await List(new JobListQuery("alice", IncludeFinal: false)));
        Assert.Equal([nightly.Id, lower.Id, done.Id], await List(new JobListQuery("alice", true, States: [JobState.Queued, JobState.Acknowledged])));
        Assert.Empty(await List(new JobListQuery(null, true, States: [])));
        Assert.Equal([nightly.Id, lower.Id, bobs.Id, done.Id], await List(new JobListQuery(null, true, Priority: JobPriority.High)));

        // The prefix is literal and case-sensitive: '_' and '%' are not wildcards.
        Assert.Equal([nightly.Id, bobs.Id, done.Id], await List(new JobListQuery(null, true, NamePrefix: "nightly_%")));
        Assert.Equal([nightly.Id, nightlyOther.Id, bobs.Id, done.Id], await List(new JobListQuery(null, true, NamePrefix: "nightly")));

        Assert.Equal([nightlyOther.Id, lower.Id], await List(new JobListQuery(null, true, CreatedAfter: s_baseTime.AddHours(1), CreatedBefore: s_baseTime.AddHours(3))));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ContinuationToken_Garbled_IsInvalidArgumentNamingTheField(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var catalog = await CreateCatalogAsync(db);
        foreach (var token in new[] { "not a token", "AAAA", new string('A', 200), "" })
        {
            var error = await Assert.ThrowsAsync<TransferJobException>(() => catalog.ListPageAsync(new JobListQuery(null, true, ContinuationToken: token)));
            Assert.Equal((TransferErrorCode.InvalidArgument, "continuationToken"), (error.Code, error.Field));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(JobLimits.MaxListPageSize + 1)]
    public async Task PageSize_OutOfRange_IsInvalidArgument(int pageSize)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProfile.Sqlite);
        var catalog = await CreateCatalogAsync(db);
        var error = await Assert.ThrowsAsync<TransferJobException>(() => catalog.ListPageAsync(new JobListQuery(null, true, PageSize: pageSize)));
        Assert.Equal("pageSize", error.Field);
    }

    [Fact]
    public void Position_TokenRoundTrips()
    {
        var position = new JobListPosition(s_baseTime.AddTicks(7), Guid.NewGuid());
        Assert.Equal(position, JobListPosition.FromToken(position.ToToken()));
    }

    private static Guid[] Ids(IEnumerable<JobCatalogEntry> entries) => [.. entries.Select(e => e.Id)];
}
