using Orleans.Transfer.Http;

namespace Orleans.Transfer.Tests.Http;

/// <summary>SetRemoteUrl and ReplaceRemotePrefix (BITS SetRemoteName, /ReplaceRemotePrefix) through the grain.</summary>
[Collection(HttpOptionsCollection.Name)]
public sealed class RemoteUrlTests(HttpOptionsClusterFixture fixture)
{
    [Fact]
    public async Task SetRemoteUrl_RefusesABadIndex_ACompletedFile_AndABadUrl_NamingTheField()
    {
        var (job, _) = await fixture.NewJobAsync("set remote url refusals", fixture.AddFile(100), fixture.AddFile(100));
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetRemoteUrlAsync(2, fixture.AddFile(10)));
        Assert.Equal((TransferErrorCode.InvalidArgument, "fileIndex"), (refused.Code, refused.Field));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetRemoteUrlAsync(-1, fixture.AddFile(10)));
        Assert.Equal((TransferErrorCode.InvalidArgument, "fileIndex"), (refused.Code, refused.Field));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetRemoteUrlAsync(0, fixture.AddFile(10)));
        Assert.Equal((TransferErrorCode.InvalidState, "fileIndex"), (refused.Code, refused.Field));

        var (fresh, _) = await fixture.NewJobAsync("set remote url bad url", fixture.AddFile(100));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => fresh.SetRemoteUrlAsync(0, "gopher://old.example/file"));
        Assert.Equal((TransferErrorCode.UnsupportedScheme, "remoteUrl"), (refused.Code, refused.Field));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => fresh.SetRemoteUrlAsync(0, "not a url"));
        Assert.Equal("remoteUrl", refused.Field);
        await job.CompleteAsync();
        await fresh.CancelAsync();
    }

    [Fact]
    public async Task SetRemoteUrl_ChangesTheUrl_KeepsTheCheckpoint_AndTheNewUrlIsWhatTheNextRunFetches()
    {
        var original = fixture.AddFile(400_000, seed: 11);
        var (job, id) = await fixture.NewJobAsync("set remote url", original);
        var file = fixture.Origin[new Uri(original).Segments[^1]];
        file.ThrottleBytesPerSecond = 100_000;
        await job.ResumeAsync();
        Assert.Equal(original, (await fixture.Requests.NextAsync(id)).RemoteUrl);
        await JobWaits.UntilAsync(job, i => i.Files[0].BytesTransferred >= 150_000, "150 kB fetched");
        var suspended = await job.SuspendAsync();
        Assert.True(suspended.Files[0].BytesTransferred > 0);

        // The same content under another name: the worker's validators decide whether the bytes fetched are kept.
        var mirror = fixture.AddFile(400_000, seed: 11);
        var info = await job.SetRemoteUrlAsync(0, mirror);
        Assert.Equal(mirror, info.Files[0].RemoteUrl);
        Assert.Equal(suspended.Files[0].BytesTransferred, info.Files[0].BytesTransferred);

        await job.ResumeAsync();
        var request = await fixture.Requests.NextAsync(id);
        Assert.Equal(mirror, request.RemoteUrl);
        Assert.Equal(suspended.Files[0].BytesTransferred, request.Checkpoint.BytesWritten);
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task ReplaceRemotePrefix_IsCaseSensitive_AllOrNothing_AndNoMatchChangesNothing()
    {
        var origin = fixture.Origin.BaseAddress.ToString();
        var elsewhere = origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (job, _) = await fixture.NewJobAsync("replace prefix", origin + "one.bin", origin + new string('a', 2100), elsewhere + "three.bin");
        var before = (await job.GetInfoAsync()).Files.Select(f => f.RemoteUrl).ToList();

        Assert.Equal(before, (await job.ReplaceRemotePrefixAsync("http://nowhere.example/", "http://else/")).Files.Select(f => f.RemoteUrl));
        Assert.Equal(before, (await job.ReplaceRemotePrefixAsync(origin.ToUpperInvariant(), "http://else/")).Files.Select(f => f.RemoteUrl));

        // The first file's new URL is fine, the second's is too long: neither changes.
        var longer = origin + new string('p', 200) + "/";
        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.ReplaceRemotePrefixAsync(origin, longer));
        Assert.Equal((TransferErrorCode.UrlTooLong, "files[1].remoteUrl"), (refused.Code, refused.Field));
        Assert.Equal(before, (await job.GetInfoAsync()).Files.Select(f => f.RemoteUrl));

        var info = await job.ReplaceRemotePrefixAsync(origin, "https://mirror.example/files/");
        Assert.Equal(
            ["https://mirror.example/files/one.bin", "https://mirror.example/files/" + new string('a', 2100), before[2]],
            info.Files.Select(f => f.RemoteUrl));
        await job.CancelAsync();
    }

    [Fact]
    public async Task RemoteUrlChanges_KeepAReportedRedirectsPrefixMatchingOnTheOriginalUrl()
    {
        var (job, _) = await fixture.NewJobAsync("prefix after report", fixture.AddFile(10));
        await job.SetHttpOptionsAsync(new HttpOptionsUpdate(Redirects: RedirectPolicy.Report));
        var origin = fixture.Origin.BaseAddress.ToString();

        var info = await job.ReplaceRemotePrefixAsync(origin, origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        Assert.StartsWith("http://localhost:", info.Files[0].RemoteUrl, StringComparison.Ordinal);
        Assert.Null(info.Files[0].FinalUrl);
        await job.CancelAsync();
    }
}
