using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The client library's calls for many small jobs: create and queue in one call, wait for the outcome in one. Through
/// the gateway client against the real grains, and the interface's own versions (the local API client's) on a fake.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ManySmallJobsTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-small-jobs-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task StartDownloadJob_ThenWaitUntilSettled_ThroughTheGateway_TransfersTheFilesInOrder()
    {
        var files = new List<FileSpec>();
        for (var i = 0; i < 3; i++)
        {
            var source = Path.Combine(_work.FullName, $"s{i}.bin");
            await File.WriteAllBytesAsync(source, Enumerable.Repeat((byte)i, 10_000 + i).ToArray());
            files.Add(new FileSpec(new Uri(source).AbsoluteUri, Path.Combine(_work.FullName, $"d{i}.bin")));
        }

        var job = await fixture.Client.StartDownloadJobAsync("small-jobs", files);
        var settled = await fixture.Client.WaitUntilSettledAsync(job.Id);
        await fixture.Client.CompleteAsync(job.Id);

        Assert.NotEqual(JobState.Suspended, job.State);
        Assert.Equal((JobEventKind.JobTransferred, JobState.Transferred, 3), (settled.Kind, settled.State, settled.FilesTransferred));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(10_000 + i, new FileInfo(Path.Combine(_work.FullName, $"d{i}.bin")).Length);
        }
    }

    /// <summary>Adds: the one-call create and wait through the gateway: the files are in place when it answers.</summary>
    [Fact]
    public async Task Download_ThroughTheGateway_AnswersAcknowledged_WithEveryFileInPlace()
    {
        var files = new List<FileSpec>();
        for (var i = 0; i < 2; i++)
        {
            var source = Path.Combine(_work.FullName, $"a{i}.bin");
            await File.WriteAllBytesAsync(source, Enumerable.Repeat((byte)i, 20_000 + i).ToArray());
            files.Add(new FileSpec(new Uri(source).AbsoluteUri, Path.Combine(_work.FullName, $"b{i}.bin")));
        }

        var settled = await fixture.Client.DownloadAsync("small-jobs-download", files);

        Assert.Equal((JobState.Acknowledged, true, 2), (settled.State, settled.Settled, settled.FilesTransferred));
        Assert.Equal(JobState.Acknowledged, (await fixture.Client.GetAsync(settled.JobId)).State);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(20_000 + i, new FileInfo(Path.Combine(_work.FullName, $"b{i}.bin")).Length);
        }
    }

    /// <summary>Adds: a job that fails settles in Error, which the one call answers as an event (with its code), not a throw.</summary>
    [Fact]
    public async Task Download_OfAMissingSource_AnswersTheErrorEvent()
    {
        var missing = new Uri(Path.Combine(_work.FullName, "missing.bin")).AbsoluteUri;

        var settled = await fixture.Client.DownloadAsync("small-jobs-download-missing", [new FileSpec(missing, Path.Combine(_work.FullName, "m.bin"))]);

        Assert.Equal((JobState.Error, true), (settled.State, settled.Settled));
        Assert.NotNull(settled.ErrorCode);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "m.bin")));
        await fixture.Client.CancelAsync(settled.JobId);
    }

    /// <summary>Adds: the create's refusal reaches the one-call caller with its code and field, and creates nothing.</summary>
    [Fact]
    public async Task Download_WithABadFile_IsRefusedWithTheField_AndCreatesNothing()
    {
        var before = await fixture.Client.ListAsync(new JobListQuery(null, IncludeFinal: true));

        var ex = await Assert.ThrowsAsync<TransferJobException>(() => fixture.Client.DownloadAsync(
            "small-jobs-download-bad", [new FileSpec(new Uri(Path.Combine(_work.FullName, "x")).AbsoluteUri, "relative/path.bin")]));

        Assert.Equal((TransferErrorCode.InvalidLocalPath, "files[0].localPath"), (ex.Code, ex.Field));
        Assert.Equal(before.Count, (await fixture.Client.ListAsync(new JobListQuery(null, IncludeFinal: true))).Count);
    }

    /// <summary>Adds: a wait that could not end (a job created Suspended) is refused before anything is created.</summary>
    [Fact]
    public async Task CreateAndWaitUntilSettled_WithoutResume_IsRefused_AndCreatesNothing()
    {
        var id = Guid.NewGuid();
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(id);
        var request = new CreateJobRequest("small-jobs-suspended", null, JobType.Download, JobPriority.Normal, Owner: Environment.UserName, Elevated: true);

        var ex = await Assert.ThrowsAsync<TransferJobException>(() => NewJobs.CreateAndWaitUntilSettledAsync(job, request, TimeSpan.FromSeconds(20)));

        Assert.Equal((TransferErrorCode.InvalidArgument, "resume"), (ex.Code, ex.Field));
        var missing = await Assert.ThrowsAsync<TransferJobException>(() => fixture.Client.GetAsync(id));
        Assert.Equal(TransferErrorCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task StartDownloadJob_WithABadFile_CreatesNothing()
    {
        var before = await fixture.Client.ListAsync(new JobListQuery(null, IncludeFinal: true));

        var ex = await Assert.ThrowsAsync<TransferJobException>(() => fixture.Client.StartDownloadJobAsync(
            "small-jobs-bad", [new FileSpec(new Uri(Path.Combine(_work.FullName, "x")).AbsoluteUri, "relative/path.bin")]));

        Assert.Equal(TransferErrorCode.InvalidLocalPath, ex.Code);
        Assert.Equal(before.Count, (await fixture.Client.ListAsync(new JobListQuery(null, IncludeFinal: true))).Count);
    }

    [Fact]
    public async Task DefaultStartDownloadJob_SendsOneQueuedDownloadRequest_WithTheFiles()
    {
        var fake = new FakeTransferClient();
        FileSpec[] files = [new("https://example.test/a", "/tmp/a")];

        await ((ITransferClient)fake).StartDownloadJobAsync("bulk", files, JobPriority.High);

        Assert.NotNull(fake.LastCreate);
        Assert.Equal(
            ("bulk", JobType.Download, JobPriority.High, true, ""),
            (fake.LastCreate.DisplayName, fake.LastCreate.Type, fake.LastCreate.Priority, fake.LastCreate.Resume, fake.LastCreate.Owner));
        Assert.Equal(files, fake.LastCreate.Files);
    }

    /// <summary>Adds: the interface's own DownloadAsync (the local API client's): a queued create that completes itself, then the wait.</summary>
    [Fact]
    public async Task DefaultDownload_CreatesAJobThatCompletesItself_ThenWaitsForIt()
    {
        var fake = new FakeTransferClient();
        fake.WatchStates.Enqueue(JobState.Transferring);
        fake.WatchStates.Enqueue(JobState.Acknowledged);
        FileSpec[] files = [new("https://example.test/a", "/tmp/a")];

        var settled = await ((ITransferClient)fake).DownloadAsync("bulk", files);

        Assert.NotNull(fake.LastCreate);
        Assert.Equal((true, true, files.Length), (fake.LastCreate.Resume, fake.LastCreate.CompleteWhenTransferred, fake.LastCreate.Files!.Count));
        Assert.Equal(JobState.Acknowledged, settled.State);
    }

    [Fact]
    public async Task DefaultWaitUntilSettled_ReturnsTheSettlingEvent_OfTheWatch()
    {
        var fake = new FakeTransferClient();
        foreach (var state in new[] { JobState.Queued, JobState.Transferring, JobState.TransientError, JobState.Transferring, JobState.Error })
        {
            fake.WatchStates.Enqueue(state);
        }

        var settled = await ((ITransferClient)fake).WaitUntilSettledAsync(FakeTransferClient.JobId);

        Assert.Equal(JobState.Error, settled.State);
        Assert.Empty(fake.WatchStates);
    }
}
