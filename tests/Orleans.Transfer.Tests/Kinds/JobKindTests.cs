namespace Orleans.Transfer.Tests.Kinds;

/// <summary>
/// Job kinds and transports through the real grain: a kind and a transport registered by a test, and Complete's
/// finishing off the grain scheduler.
/// </summary>
public sealed class JobKindTests(KindsClusterFixture fixture) : IClassFixture<KindsClusterFixture>
{
    private static string NewDestination() => Path.Combine(Directory.CreateTempSubdirectory("xfer-kind-dest-").FullName, "f.bin");

    private (string Url, TestOrigin.OriginFile File) NewSource(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, length, seed: 21);
        return (fixture.Origin.UrlFor(name).ToString(), file);
    }

    [Fact]
    public async Task GetInfo_Answers_WhileCompletesRenameIsBlocked()
    {
        var (url, source) = NewSource(10_000);
        var destination = NewDestination();
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("blocked rename", null, JobType.Download, JobPriority.Foreground, "tester", [new FileSpec(url, destination)], Resume: true));
        await JobWaits.StateAsync(job, JobState.Transferred);

        fixture.Finisher.Close();
        var completing = job.CompleteAsync();
        await fixture.Finisher.MoveStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var info = await job.GetInfoAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(JobState.Transferred, info.State);
        Assert.Equal(10_000, (await job.GetFilesAsync(0, 1).WaitAsync(TimeSpan.FromSeconds(10))).Files[0].BytesTransferred);
        Assert.False(completing.IsCompleted);

        fixture.Finisher.Release();
        Assert.Equal(JobState.Acknowledged, (await completing).State);
        Assert.Equal(source.ComputeSha256(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(destination))));
    }

    [Fact]
    public async Task FakeKind_RegisteredInTheTest_CarriesAJobEndToEnd()
    {
        var (url, source) = NewSource(300_000);
        var destination = NewDestination();
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("staged", null, JobType.Upload, JobPriority.Foreground, "tester", [new FileSpec(url, destination)], Resume: true));

        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(JobType.Upload, transferred.Type);
        var staged = Path.Combine(FakeKind.StagedJobKind.StagingDirectory, $"{job.GetPrimaryKey():N}-0.staged");
        Assert.True(File.Exists(staged), "the kind chose where temporary data lives");
        Assert.False(File.Exists(destination));

        await job.CompleteAsync();
        Assert.False(File.Exists(staged));
        Assert.Equal(source.ComputeSha256(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(destination))));
    }

    [Fact]
    public async Task FakeKind_Cancel_DiscardsThroughTheKind()
    {
        var (url, _) = NewSource(1000);
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("staged cancel", null, JobType.Upload, JobPriority.Normal, "tester", [new FileSpec(url, NewDestination())]));
        await job.CancelAsync();
        Assert.Contains(Path.Combine(FakeKind.StagedJobKind.StagingDirectory, $"{job.GetPrimaryKey():N}-0.staged"), fixture.Finisher.Deleted);
    }

    [Fact]
    public async Task FakeTransport_RegisteredInTheTest_CarriesAJobEndToEnd()
    {
        var url = $"fake://origin/{Guid.NewGuid():N}.bin";
        var remote = fixture.FakeRemote.Add(url, 700_000, seed: 5);
        var destination = NewDestination();
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("fake transport", null, JobType.Download, JobPriority.Foreground, "tester", [new FileSpec(url, destination)], Resume: true));

        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(700_000, transferred.Progress.BytesTransferred);
        Assert.Equal(url, transferred.Files[0].RemoteUrl);
        await job.CompleteAsync();
        Assert.Equal(remote.Content, await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task FakeTransport_UnknownSchemeStillRefused_NamingTheNewOneInTheMessage()
    {
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(
            new CreateJobRequest("bad scheme", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec("gopher://origin/a", NewDestination())])));

        Assert.Equal((TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl"), (error.Code, error.Field));
        Assert.EndsWith("use http, https, file, smb or fake.", error.Message, StringComparison.Ordinal);
    }
}
