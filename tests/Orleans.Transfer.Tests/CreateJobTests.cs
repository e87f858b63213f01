using Orleans.Transfer.Grains;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests;

/// <summary>Atomic create: properties and files in one call; bad input creates nothing (no job, no listing row, no claim).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CreateJobTests(ClusterFixture fixture)
{
    private string GoodUrl()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 5000, seed: 8);
        return fixture.Origin.UrlFor(name).ToString();
    }

    public static TheoryData<string, string, string, TransferErrorCode, string> BadInput => new()
    {
        { "relative path", "http://127.0.0.1/x", "relative/f.bin", TransferErrorCode.InvalidLocalPath, "files[1].localPath" },
        { "traversing path", "http://127.0.0.1/x", "/tmp/../etc/f.bin", TransferErrorCode.InvalidLocalPath, "files[1].localPath" },
        { "missing directory", "http://127.0.0.1/x", "/nonexistent-xfer-dir/f.bin", TransferErrorCode.DestinationNotFound, "files[1].localPath" },
        { "existing directory", "http://127.0.0.1/x", "/tmp", TransferErrorCode.InvalidLocalPath, "files[1].localPath" },
        { "bad scheme", "ftp://example.test/x", "", TransferErrorCode.UnsupportedScheme, "files[1].remoteUrl" },
        { "malformed url", "http//no-scheme", "", TransferErrorCode.InvalidUrl, "files[1].remoteUrl" },
        { "over-long url", "http://example.test/" + new string('a', JobLimits.MaxUrlLength), "", TransferErrorCode.UrlTooLong, "files[1].remoteUrl" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Create_BadFile_CreatesNothing(string what, string url, string localPath, TransferErrorCode code, string field)
    {
        var owner = $"atomic-{Guid.NewGuid():N}";
        var good = new FileSpec(GoodUrl(), fixture.NewDestination());
        var bad = new FileSpec(url, localPath.Length == 0 ? fixture.NewDestination() : localPath);
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => job.CreateAsync(new CreateJobRequest("atomic", null, JobType.Download, JobPriority.Normal, owner, [good, bad], Resume: true)));

        Assert.True((code, field) == (error.Code, error.Field), $"{what}: {error.Code} {error.Field}");
        await AssertNothingCreatedAsync(job, owner, good.LocalPath);
    }

    [Fact]
    public async Task Create_OverLongName_CreatesNothing()
    {
        var owner = $"atomic-{Guid.NewGuid():N}";
        var good = new FileSpec(GoodUrl(), fixture.NewDestination());
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(
            new CreateJobRequest(new string('n', JobLimits.MaxDisplayNameLength + 1), null, JobType.Download, JobPriority.Normal, owner, [good])));
        Assert.Equal((TransferErrorCode.NameTooLong, "displayName"), (error.Code, error.Field));
        await AssertNothingCreatedAsync(job, owner, good.LocalPath);
    }

    [Fact]
    public async Task Create_ResumeWithoutFiles_IsEmpty_AndCreatesNothing()
    {
        var owner = $"atomic-{Guid.NewGuid():N}";
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => job.CreateAsync(new CreateJobRequest("empty", null, JobType.Download, JobPriority.Normal, owner, Resume: true)));
        Assert.Equal(TransferErrorCode.Empty, error.Code);
        await AssertNothingCreatedAsync(job, owner, null);
    }

    [Fact]
    public async Task Create_DestinationOfAnotherJob_CreatesNothing()
    {
        var destination = fixture.NewDestination();
        var url = GoodUrl();
        var owner = $"atomic-{Guid.NewGuid():N}";
        var first = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await first.CreateAsync(new CreateJobRequest("holder", null, JobType.Download, JobPriority.Normal, owner, [new FileSpec(url, destination)]));
        var free = fixture.NewDestination();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(
            new CreateJobRequest("clash", null, JobType.Download, JobPriority.Normal, owner, [new FileSpec(url, free), new FileSpec(url, destination)])));

        Assert.Equal((TransferErrorCode.DestinationInUse, "files[1].localPath"), (error.Code, error.Field));
        await AssertNothingCreatedAsync(job, owner, free);
        await first.CancelAsync();
    }

    /// <summary>
    /// Adds: the destination checks run with the owner's rights, on create and on add-files: an owner (nobody) who
    /// cannot write a directory root can is refused DestinationNotWritable, and nothing is created or added.
    /// </summary>
    [Fact]
    public async Task CreateOrAddFiles_WhereTheOwnerCannotWrite_IsDestinationNotWritable_AndChangesNothing()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return; // As another user only when the silo runs as root.
        }

        const string Owner = "unix:65534";
        var rootOnly = Path.GetDirectoryName(fixture.NewDestination())!;
        File.SetUnixFileMode(rootOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var refused = new FileSpec(GoodUrl(), Path.Combine(rootOnly, "f.bin"));
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => job.CreateAsync(new CreateJobRequest("not the owner's", null, JobType.Download, JobPriority.Normal, Owner, [refused])));

        Assert.Equal((TransferErrorCode.DestinationNotWritable, "files[0].localPath"), (error.Code, error.Field));
        await AssertNothingCreatedAsync(job, Owner, null);

        var existing = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await existing.CreateAsync(new CreateJobRequest("owner's", null, JobType.Download, JobPriority.Normal, Owner, [new FileSpec(GoodUrl(), fixture.NewDestination())]));
        var added = await Assert.ThrowsAsync<TransferJobException>(() => existing.AddFilesAsync([new FileSpec(GoodUrl(), fixture.NewDestination()), refused]));
        Assert.Equal((TransferErrorCode.DestinationNotWritable, "files[1].localPath"), (added.Code, added.Field));
        Assert.Single((await existing.GetInfoAsync()).Files);
        Assert.Empty(Directory.EnumerateFileSystemEntries(rootOnly));
        await existing.CancelAsync();
    }

    [Fact]
    public async Task Create_WithFilesPropertiesAndResume_TransfersInOneCall()
    {
        var destinations = new[] { fixture.NewDestination("a.bin"), fixture.NewDestination("b.bin") };
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var created = await job.CreateAsync(new CreateJobRequest(
            "one call",
            "atomic",
            JobType.Download,
            JobPriority.High,
            "tester",
            [.. destinations.Select(d => new FileSpec(GoodUrl(), d))],
            Resume: true,
            MinimumRetryDelay: TimeSpan.FromSeconds(30),
            MaxBytesPerSecond: 1_000_000_000));
        Assert.True(created.State.IsActive());
        Assert.Equal((2, TimeSpan.FromSeconds(30), 1_000_000_000L), (created.Files.Count, created.MinimumRetryDelay, created.MaxBytesPerSecond!.Value));

        await JobWaits.StateAsync(job, JobState.Transferred);
        var page = await job.GetFilesAsync(1, 10);
        Assert.Equal((1, 2, destinations[1]), (page.Offset, page.Total, Assert.Single(page.Files).LocalPath));
        await job.CompleteAsync();
        Assert.All(destinations, d => Assert.Equal(5000, new FileInfo(d).Length));
    }

    private async Task AssertNothingCreatedAsync(ITransferJobGrain job, string owner, string? claimedPath)
    {
        Assert.Equal(TransferErrorCode.NotFound, (await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync)).Code);
        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListPageAsync(new JobListQuery(owner, IncludeFinal: true));
        Assert.DoesNotContain(listed.Jobs, j => j.Id == job.GetPrimaryKey());
        if (claimedPath is not null)
        {
            // The good file's destination was not left claimed: another job of the same owner can take it.
            var other = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
            await other.CreateAsync(new CreateJobRequest("other", null, JobType.Download, JobPriority.Normal, owner, [new FileSpec(GoodUrl(), claimedPath)]));
            await other.CancelAsync();
        }
    }

    [Fact]
    public async Task ClaimsLeftByAFailedCreate_AreFreedByTheSweepsCall_WhileALiveJobKeepsItsOwn()
    {
        var catalog = fixture.GetSiloService<IJobCatalog>();
        var leftBehind = fixture.NewDestination();
        var neverCreated = Guid.NewGuid();
        Assert.Null(await catalog.TryClaimDestinationsAsync(neverCreated, [leftBehind]));
        Assert.Contains(neverCreated, await catalog.ListClaimsWithoutJobAsync().ToListAsync());
        var kept = fixture.NewDestination();
        var live = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await live.CreateAsync(new CreateJobRequest("holds a claim", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(GoodUrl(), kept)]));

        await fixture.Grains.GetGrain<IJobHousekeepingGrain>(neverCreated).ReleaseClaimsIfAbsentAsync();
        await fixture.Grains.GetGrain<IJobHousekeepingGrain>(live.GetPrimaryKey()).ReleaseClaimsIfAbsentAsync();

        Assert.DoesNotContain(neverCreated, await catalog.ListClaimsWithoutJobAsync().ToListAsync());
        Assert.Null(await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), [leftBehind]));
        var keptKey = DestinationClaim.Key("tester", kept);
        Assert.Equal(keptKey, await catalog.TryClaimDestinationsAsync(Guid.NewGuid(), [keptKey]));
        await live.CancelAsync();
    }
}
