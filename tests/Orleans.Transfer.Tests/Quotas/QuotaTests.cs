using Dapper;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Quotas;

/// <summary>
/// Job limits at the grain: exact under concurrent creates, moved by final states and ownership changes, and freed
/// again after a create that reserved its place and crashed before writing the job (by the sweep, or by a restart).
/// </summary>
public sealed class QuotaTests(QuotaClusterFixture fixture) : IClassFixture<QuotaClusterFixture>, IAsyncLifetime
{
    private readonly string _owner = $"unix:{Random.Shared.Next(100_000, 1_000_000)}";

    public Task InitializeAsync() => Task.CompletedTask;

    // Every test leaves the service without unfinished jobs, and the counters as the rows say.
    public async Task DisposeAsync()
    {
        await using var connection = await fixture.Database.OpenConnectionAsync(CancellationToken.None);
        var unfinished = await connection.QueryAsync<string>("SELECT id FROM transfer_job WHERE state NOT IN (7, 8)");
        await Task.WhenAll(unfinished.Select(id => fixture.Grains.GetGrain<ITransferJobGrain>(Guid.Parse(id)).CancelAsync()));
        await AssertCountersMatchRowsAsync();
        Assert.Equal(0, await TotalAsync());
    }

    [Fact]
    public async Task SixtyFourConcurrentCreates_AgainstAnOwnerLimitOfTen_ExactlyTenSucceed()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => TryCreateAsync(_owner)));

        Assert.Equal(QuotaClusterFixture.MaxJobsPerOwner, outcomes.Count(o => o.Job is not null));
        Assert.All(outcomes.Where(o => o.Job is null), o =>
        {
            Assert.Equal((TransferErrorCode.TooManyJobsPerOwner, "owner"), (o.Error!.Code, o.Error.Field));
            Assert.Equal(
                $"{_owner} already has 10 unfinished jobs, the limit (Transfer:Jobs:MaxJobsPerOwner); complete or cancel some first.",
                o.Error.Message);
        });
        await AssertCountersMatchRowsAsync();
        Assert.Equal(10, await OwnerCountAsync(_owner));
        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListPageAsync(new JobListQuery(_owner, IncludeFinal: true));
        Assert.Equal(10, listed.Jobs.Count);
    }

    [Fact]
    public async Task ElevatedCallers_HaveTheirOwnLimit()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => TryCreateAsync(_owner, elevated: true)));

        Assert.Equal(QuotaClusterFixture.MaxJobsPerAdministrator, outcomes.Count(o => o.Job is not null));
        Assert.Contains("the limit (Transfer:Jobs:MaxJobsPerAdministrator)", outcomes.First(o => o.Job is null).Error!.Message, StringComparison.Ordinal);
        var plain = await TryCreateAsync(_owner);
        Assert.Equal(TransferErrorCode.TooManyJobsPerOwner, plain.Error?.Code);
    }

    [Fact]
    public async Task ConcurrentCreatesOfManyOwners_AgainstTheServiceLimit_ExactlyThatManySucceed()
    {
        var owners = Enumerable.Range(0, 4).Select(i => $"{_owner}-{i}").ToList();

        var outcomes = await Task.WhenAll(owners.SelectMany(o => Enumerable.Range(0, 10).Select(_ => TryCreateAsync(o))));

        Assert.Equal(QuotaClusterFixture.MaxJobs, outcomes.Count(o => o.Job is not null));
        Assert.All(outcomes.Where(o => o.Job is null), o => Assert.Equal(
            (TransferErrorCode.TooManyJobs, "The service already holds 30 unfinished jobs, the limit (Transfer:Jobs:MaxJobs); complete or cancel some first."),
            (o.Error!.Code, o.Error.Message)));
        Assert.Equal(QuotaClusterFixture.MaxJobs, await TotalAsync());
    }

    [Fact]
    public async Task FinalStatesAndOwnershipChanges_MoveTheCounts()
    {
        var jobs = (await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => TryCreateAsync(_owner)))).Select(o => o.Job!).ToList();
        Assert.Equal(TransferErrorCode.TooManyJobsPerOwner, (await TryCreateAsync(_owner)).Error?.Code);

        await jobs[0].CancelAsync();
        var other = $"{_owner}-other";
        await jobs[1].TakeOwnershipAsync(other);

        Assert.Equal((8, 1), (await OwnerCountAsync(_owner), await OwnerCountAsync(other)));
        Assert.NotNull((await TryCreateAsync(_owner)).Job);
        Assert.NotNull((await TryCreateAsync(_owner)).Job);
        Assert.Equal(TransferErrorCode.TooManyJobsPerOwner, (await TryCreateAsync(_owner)).Error?.Code);
        await AssertCountersMatchRowsAsync();
    }

    [Fact]
    public async Task ACreateThatCrashedAfterReserving_HoldsItsPlaceOnlyUntilTheSweepAsksItsJob()
    {
        var created = (await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => TryCreateAsync(_owner)))).Select(o => o.Job!).ToList();
        var crashed = await ReserveAsACrashedCreateWouldAsync(_owner);
        Assert.Equal(TransferErrorCode.TooManyJobsPerOwner, (await TryCreateAsync(_owner)).Error?.Code);

        // A minute is the grace a create gets; the sweep then asks the job, which does not exist.
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.SweepAsync();

        Assert.Null(await fixture.Catalog.FindAsync(crashed));
        Assert.Equal(9, await OwnerCountAsync(_owner));
        Assert.Empty(await fixture.Catalog.ListReservedBeforeAsync(DateTimeOffset.MaxValue).ToListAsync());
        Assert.NotNull((await TryCreateAsync(_owner)).Job);

        // The jobs that do exist kept their rows, confirmed.
        foreach (var job in created)
        {
            Assert.NotNull(await fixture.Catalog.FindAsync(job.GetPrimaryKey()));
        }
    }

    [Fact]
    public async Task ACreateThatCrashedAfterReserving_IsReplacedByACreateOfTheSameId()
    {
        var crashed = await ReserveAsACrashedCreateWouldAsync(_owner);

        var job = fixture.Grains.GetGrain<ITransferJobGrain>(crashed);
        var info = await job.CreateAsync(new CreateJobRequest("retried", null, JobType.Download, JobPriority.Normal, _owner));

        Assert.Equal(("retried", JobState.Suspended), (info.DisplayName, info.State));
        Assert.Equal(1, await OwnerCountAsync(_owner));
        Assert.Empty(await fixture.Catalog.ListReservedBeforeAsync(DateTimeOffset.MaxValue).ToListAsync());
    }

    [Fact]
    public async Task ACreateThatCrashedAfterReserving_IsResolvedWhenTheSiloStartsAgain()
    {
        var crashed = await ReserveAsACrashedCreateWouldAsync(_owner);

        await fixture.RestartSiloAsync();

        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (await fixture.Catalog.FindAsync(crashed) is not null && DateTimeOffset.UtcNow < deadline)
        {
            await tick.WaitForNextTickAsync();
        }

        Assert.Null(await fixture.Catalog.FindAsync(crashed));
        Assert.Equal(0, await OwnerCountAsync(_owner));
    }

    /// <summary>What a create leaves when the silo dies between its reservation and its state write.</summary>
    private async Task<Guid> ReserveAsACrashedCreateWouldAsync(string owner)
    {
        var id = Guid.NewGuid();
        var now = fixture.Clock.GetUtcNow();
        var entry = new JobCatalogEntry(id, "crashed", JobState.Suspended, JobPriority.Normal, owner, 0, 0, 0, 0, now, now);
        Assert.Equal(JobReservation.Reserved, await fixture.Catalog.TryReserveAsync(entry, QuotaClusterFixture.MaxJobsPerOwner, QuotaClusterFixture.MaxJobs, []));
        return id;
    }

    private async Task<(ITransferJobGrain? Job, TransferJobException? Error)> TryCreateAsync(string owner, bool elevated = false)
    {
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        try
        {
            await job.CreateAsync(new CreateJobRequest("quota", null, JobType.Download, JobPriority.Normal, owner, Elevated: elevated));
            return (job, null);
        }
        catch (TransferJobException e)
        {
            return (null, e);
        }
    }

    private Task<long> OwnerCountAsync(string owner) => StoredCounters.OwnerAsync(fixture.Database, owner);

    private Task<long> TotalAsync() => StoredCounters.TotalAsync(fixture.Database);

    private Task AssertCountersMatchRowsAsync() => StoredCounters.AssertMatchRowsAsync(fixture.Database);
}
