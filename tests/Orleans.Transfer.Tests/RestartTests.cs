namespace Orleans.Transfer.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RestartTests(ClusterFixture fixture)
{
    [Fact]
    public async Task JobAndCatalog_SurviveSiloRestart_AndActiveJobFinishes()
    {
        var suspended = await fixture.NewJobAsync("kept while suspended");
        var suspendedUrl = fixture.Origin.UrlFor(AddName(1234));
        await suspended.AddFilesAsync([new FileSpec(suspendedUrl.ToString(), fixture.NewDestination())]);

        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 24L * 1024 * 1024, seed: 5);
        file.ThrottleBytesPerSecond = 8 * 1024 * 1024;
        var destination = fixture.NewDestination();
        var active = await fixture.NewJobAsync("active across restart");
        await active.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await active.ResumeAsync();
        await JobWaits.UntilAsync(active, i => i.Files[0].BytesTransferred > 1024 * 1024, "a checkpoint");

        await fixture.RestartSiloAsync();
        file.ThrottleBytesPerSecond = 0;

        var kept = await Poll.ReconnectedAsync(suspended);
        Assert.Equal(JobState.Suspended, kept.State);
        Assert.Equal("kept while suspended", kept.DisplayName);
        Assert.Single(kept.Files);

        await JobWaits.StateAsync(active, JobState.Transferred);
        await active.CompleteAsync();
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(destination))));

        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListAsync(new JobListQuery("tester", IncludeFinal: true));
        Assert.Contains(listed, j => j.Id == active.GetPrimaryKey() && j.State == JobState.Acknowledged);
        Assert.Contains(listed, j => j.Id == suspended.GetPrimaryKey() && j.State == JobState.Suspended);
    }

    [Fact]
    public async Task List_LeavesOutFinalJobs_UnlessAskedForAll()
    {
        var cancelled = await fixture.NewJobAsync("to cancel");
        await cancelled.CancelAsync();
        var open = await fixture.NewJobAsync("open");

        var catalog = fixture.Grains.GetGrain<IJobCatalogGrain>(0);
        var active = await catalog.ListAsync(new JobListQuery("tester", IncludeFinal: false));
        Assert.DoesNotContain(active, j => j.Id == cancelled.GetPrimaryKey());
        Assert.Contains(active, j => j.Id == open.GetPrimaryKey());
        var all = await catalog.ListAsync(new JobListQuery(null, IncludeFinal: true));
        Assert.Contains(all, j => j.Id == cancelled.GetPrimaryKey() && j.State == JobState.Cancelled);
    }

    private string AddName(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, length, seed: 1);
        return name;
    }
}
