using Orleans.Transfer.Http;

namespace Orleans.Transfer.Tests.Http;

/// <summary>What the worker receives for a job with HTTP options, through the real grain, worker and origin.</summary>
[Collection(HttpOptionsCollection.Name)]
public sealed class HttpRunRequestTests(HttpOptionsClusterFixture fixture)
{
    [Fact]
    public async Task ARun_ReceivesTheOptions_WithSecretsDecrypted_AndTheFilesHost()
    {
        var url = fixture.AddFile(1000);
        var (job, id) = await fixture.NewJobAsync("run receives options", url);
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "s3cret"));
        await job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["X-Trace: abc"], Redirects: RedirectPolicy.Report));

        await job.ResumeAsync();
        var request = await fixture.Requests.NextAsync(id);

        var http = Assert.IsType<Worker.HttpTransferOptions>(request.Http);
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "s3cret"), Assert.Single(http.Credentials));
        Assert.Equal([KeyValuePair.Create("X-Trace", "abc")], http.Headers);
        Assert.Equal(RedirectPolicy.Report, http.Redirects);
        Assert.Equal([$"http://127.0.0.1:{new Uri(url).Port}"], http.ServerAuthorities);
        Assert.Equal("tester", request.Owner);
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task AChangeWhileTransferring_RestartsTheRun_SoTheNextRequestCarriesIt()
    {
        var url = fixture.AddFile(400_000);
        var file = fixture.Origin[new Uri(url).Segments[^1]];
        file.ThrottleBytesPerSecond = 100_000;
        var (job, id) = await fixture.NewJobAsync("change while transferring", url);
        await job.ResumeAsync();
        Assert.Null((await fixture.Requests.NextAsync(id)).Http);
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferring && i.Files[0].BytesTransferred > 0, "bytes moving");

        await job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["X-Late: 1"]));

        var restarted = await fixture.Requests.NextAsync(id);
        Assert.Equal([KeyValuePair.Create("X-Late", "1")], restarted.Http!.Headers);
        file.ThrottleBytesPerSecond = 0;
        var done = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(400_000, done.Files[0].BytesTransferred);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task AFileAddedWhileTransferring_WithCredentials_RestartsTheRun_SoItsOriginGetsThem()
    {
        var url = fixture.AddFile(400_000);
        var file = fixture.Origin[new Uri(url).Segments[^1]];
        file.ThrottleBytesPerSecond = 100_000;
        var (job, id) = await fixture.NewJobAsync("file added with credentials", url);
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "s3cret"));
        await job.ResumeAsync();
        Assert.Single((await fixture.Requests.NextAsync(id)).Http!.ServerAuthorities);
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferring && i.Files[0].BytesTransferred > 0, "bytes moving");

        // The same origin under another name is another origin for credentials.
        var added = new UriBuilder(fixture.AddFile(1000)) { Host = "localhost" }.Uri.ToString();
        await job.AddFilesAsync([new FileSpec(added, fixture.NewDestination())]);

        var restarted = await fixture.Requests.NextAsync(id);
        Assert.Contains(Worker.HttpTransferOptions.OriginOf(new Uri(added)), restarted.Http!.ServerAuthorities);
        file.ThrottleBytesPerSecond = 0;
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task MaxDownloadBytes_CapsTheWholeJob_TheFileThatPassesItFails()
    {
        var (job, id) = await fixture.NewJobAsync("max size across files", fixture.AddFile(1000), fixture.AddFile(1000));
        await job.SetHttpOptionsAsync(new HttpOptionsUpdate(MaxDownloadBytes: 1500));

        await job.ResumeAsync();
        Assert.Equal(1500, (await fixture.Requests.NextAsync(id)).MaxFileBytes);
        Assert.Equal(500, (await fixture.Requests.NextAsync(id)).MaxFileBytes);
        var failed = await JobWaits.StateAsync(job, JobState.Error);

        Assert.Equal((TransferErrorCode.TooLarge, 1), (failed.Error!.Code, failed.Error.FileIndex));
        Assert.True(failed.Files[0].Completed);
        Assert.False(failed.Files[1].Completed);

        // Its partial data was deleted: the job holds none of it, and the budget does not count it.
        Assert.Equal(0, failed.Files[1].BytesTransferred);
        await job.CancelAsync();
    }
}
