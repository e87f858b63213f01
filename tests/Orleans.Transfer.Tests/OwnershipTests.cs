namespace Orleans.Transfer.Tests;

/// <summary>Owners at the grain: destination claims are per owner, and take-ownership moves a job with its claims.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OwnershipTests(ClusterFixture fixture)
{
    [Fact]
    public async Task DestinationClaims_ArePerOwner()
    {
        var path = fixture.NewDestination();
        var (alice, bob) = (NewOwner(), NewOwner());
        var first = await CreateAsync(alice, path);

        var others = await CreateAsync(bob, path);
        var error = await Assert.ThrowsAsync<TransferJobException>(() => CreateAsync(alice, path));

        Assert.Equal((TransferErrorCode.DestinationInUse, "files[0].localPath"), (error.Code, error.Field));
        await first.CancelAsync();
        await others.CancelAsync();
    }

    [Fact]
    public async Task TakeOwnership_MovesTheJobAndItsClaims_AsItIs()
    {
        var path = fixture.NewDestination();
        var (alice, admin) = (NewOwner(), NewOwner());
        var job = await CreateAsync(alice, path);

        var taken = await job.TakeOwnershipAsync(admin);

        Assert.Equal((admin, JobState.Suspended, 1), (taken.Owner, taken.State, taken.Files.Count));
        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListPageAsync(new JobListQuery(admin, IncludeFinal: false));
        Assert.Contains(listed.Jobs, j => j.Id == job.GetPrimaryKey());
        var freed = await CreateAsync(alice, path);
        Assert.Equal(TransferErrorCode.DestinationInUse, (await Assert.ThrowsAsync<TransferJobException>(() => CreateAsync(admin, path))).Code);
        await freed.CancelAsync();
        await job.CancelAsync();
    }

    [Fact]
    public async Task TakeOwnership_OfAPathTheNewOwnerUses_IsRefused_AndChangesNothing()
    {
        var path = fixture.NewDestination();
        var (alice, admin) = (NewOwner(), NewOwner());
        var job = await CreateAsync(alice, path);
        var admins = await CreateAsync(admin, path);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.TakeOwnershipAsync(admin));

        Assert.Equal(TransferErrorCode.DestinationInUse, error.Code);
        Assert.Equal(alice, (await job.GetInfoAsync()).Owner);
        Assert.Equal(TransferErrorCode.DestinationInUse, (await Assert.ThrowsAsync<TransferJobException>(() => CreateAsync(alice, path))).Code);
        await admins.CancelAsync();
        await job.CancelAsync();
    }

    private static string NewOwner() => $"unix:{Random.Shared.Next(100_000, 1_000_000)}";

    private async Task<ITransferJobGrain> CreateAsync(string owner, string path)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 1000, seed: 3);
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("owned", null, JobType.Download, JobPriority.Normal, owner, [new FileSpec(fixture.Origin.UrlFor(name).ToString(), path)]));
        return job;
    }
}
