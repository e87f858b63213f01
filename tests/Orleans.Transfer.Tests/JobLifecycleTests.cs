using System.Security.Cryptography;

namespace Orleans.Transfer.Tests;

[Collection(ClusterCollection.Name)]
public sealed class JobLifecycleTests(ClusterFixture fixture)
{
    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private string AddOriginFile(long length, out string sha)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, length, seed: name.GetHashCode(StringComparison.Ordinal));
        sha = file.ComputeSha256();
        return fixture.Origin.UrlFor(name).ToString();
    }

    [Fact]
    public async Task NewJob_StartsSuspended_WithDefaults()
    {
        var job = await fixture.NewJobAsync("defaults");
        var info = await job.GetInfoAsync();
        Assert.Equal(JobState.Suspended, info.State);
        Assert.Equal(JobPriority.Normal, info.Priority);
        Assert.Equal(JobType.Download, info.Type);
        Assert.Equal(TimeSpan.FromSeconds(600), info.MinimumRetryDelay);
        Assert.Equal(TimeSpan.FromDays(14), info.NoProgressTimeout);
        Assert.Empty(info.Files);
    }

    [Fact]
    public async Task Download_ResumeThenComplete_IsByteIdenticalAndLeavesNoTempFile()
    {
        var url = AddOriginFile(3 * 1024 * 1024 + 17, out var sha);
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(url, destination)]);
        await job.ResumeAsync();

        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.False(File.Exists(destination), "files are not visible before Complete (B43)");
        Assert.Equal(transferred.Progress.BytesTotal, transferred.Progress.BytesTransferred);
        Assert.NotNull(transferred.Times.TransferCompleted);

        var completed = await job.CompleteAsync();
        Assert.Equal(JobState.Acknowledged, completed.State);
        Assert.Equal(sha, Sha256(destination));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!));
    }

    [Fact]
    public async Task Download_SeveralFiles_TransferInOrder()
    {
        var urls = Enumerable.Range(0, 3).Select(_ => AddOriginFile(100_000, out string _)).ToList();
        var destinations = urls.Select((_, i) => fixture.NewDestination($"f{i}.bin")).ToList();
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([.. urls.Select((u, i) => new FileSpec(u, destinations[i]))]);
        await job.ResumeAsync();
        var info = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(3, info.Progress.FilesTransferred);
        Assert.Equal(300_000, info.Progress.BytesTotal);
        await job.CompleteAsync();
        Assert.All(destinations, d => Assert.Equal(100_000, new FileInfo(d).Length));
    }

    [Fact]
    public async Task Ranges_AreWrittenContiguouslyInTheOrderGiven()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var content = RandomNumberGenerator.GetBytes(4096);
        fixture.Origin.AddFile(name, content);
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync();
        ByteRange[] ranges = [new(100, 100), new(900, 100), new(400, 100)];
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination, ranges)]);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        byte[] expected = [.. content.AsSpan(100, 100), .. content.AsSpan(900, 100), .. content.AsSpan(400, 100)];
        Assert.Equal(expected, await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task Resume_WithoutFiles_FailsWithEmptyAndStaysSuspended()
    {
        var job = await fixture.NewJobAsync();
        var error = await Assert.ThrowsAsync<TransferJobException>(job.ResumeAsync);
        Assert.Equal(TransferErrorCode.Empty, error.Code);
        Assert.Equal(JobState.Suspended, (await job.GetInfoAsync()).State);
    }

    [Fact]
    public async Task UnknownJob_IsNotFound()
    {
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync);
        Assert.Equal(TransferErrorCode.NotFound, error.Code);
        Assert.Equal(TransferErrorCode.NotFound, (await Assert.ThrowsAsync<TransferJobException>(job.ResumeAsync)).Code);
    }

    [Fact]
    public async Task Create_Twice_IsRefused()
    {
        var job = await fixture.NewJobAsync();
        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => job.CreateAsync(new CreateJobRequest("again", null, JobType.Download, JobPriority.Normal, "tester")));
        Assert.Equal(TransferErrorCode.AlreadyExists, error.Code);
    }

    [Fact]
    public async Task AddFiles_OneBadFile_AddsNothing()
    {
        var job = await fixture.NewJobAsync();
        var good = new FileSpec(AddOriginFile(10, out _), fixture.NewDestination());
        var bad = new FileSpec("ftp://example.test/x", fixture.NewDestination());
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.AddFilesAsync([good, bad]));
        Assert.Equal(TransferErrorCode.UnsupportedScheme, error.Code);
        Assert.Equal("files[1].remoteUrl", error.Field);
        Assert.Empty((await job.GetInfoAsync()).Files);

        var other = await fixture.NewJobAsync();
        await other.AddFilesAsync([good]);
    }

    [Fact]
    public async Task AddFiles_DestinationOfAnotherActiveJob_IsRefusedUntilThatJobEnds()
    {
        var destination = fixture.NewDestination();
        var url = AddOriginFile(10, out _);
        var first = await fixture.NewJobAsync();
        await first.AddFilesAsync([new FileSpec(url, destination)]);

        var second = await fixture.NewJobAsync();
        var error = await Assert.ThrowsAsync<TransferJobException>(() => second.AddFilesAsync([new FileSpec(url, destination)]));
        Assert.Equal(TransferErrorCode.DestinationInUse, error.Code);
        Assert.Equal("files[0].localPath", error.Field);

        await first.CancelAsync();
        await second.AddFilesAsync([new FileSpec(url, destination)]);
    }

    [Fact]
    public async Task FinalStates_RejectEveryChange()
    {
        var job = await fixture.NewJobAsync();
        await job.CancelAsync();
        foreach (var operation in new Func<Task>[]
        {
            job.ResumeAsync, job.SuspendAsync, job.CancelAsync, job.CompleteAsync,
            () => job.SetPropertiesAsync(new JobPropertiesUpdate(DisplayName: "x")),
            () => job.AddFilesAsync([new FileSpec("http://127.0.0.1/x", fixture.NewDestination())]),
        })
        {
            Assert.Equal(TransferErrorCode.InvalidState, (await Assert.ThrowsAsync<TransferJobException>(operation)).Code);
        }

        Assert.Equal(JobState.Cancelled, (await job.GetInfoAsync()).State);
    }

    [Fact]
    public async Task SetProperties_ValidatesAndApplies()
    {
        var job = await fixture.NewJobAsync();
        var info = await job.SetPropertiesAsync(new JobPropertiesUpdate("renamed", "about", JobPriority.High, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)));
        Assert.Equal(("renamed", "about", JobPriority.High), (info.DisplayName, info.Description, info.Priority));
        Assert.Equal(TimeSpan.FromSeconds(30), info.MinimumRetryDelay);
        Assert.Equal(TimeSpan.FromHours(1), info.NoProgressTimeout);
        // Right after the create's catalog write: the listing shows the change at once, not at the next progress write.
        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListAsync(new JobListQuery("tester", IncludeFinal: true));
        Assert.Contains(listed, j => j.Id == job.GetPrimaryKey() && j.DisplayName == "renamed" && j.Priority == JobPriority.High);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.SetPropertiesAsync(new JobPropertiesUpdate(MinimumRetryDelay: TimeSpan.FromSeconds(1))));
        Assert.Equal(TransferErrorCode.InvalidArgument, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), (await job.GetInfoAsync()).MinimumRetryDelay);
    }

    [Fact]
    public async Task NotFound_IsFatalError_AndResumeAfterFixRetries()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();

        var failed = await JobWaits.StateAsync(job, JobState.Error);
        Assert.Equal(404, failed.Error!.HttpStatus);
        Assert.Equal(ErrorContext.RemoteFile, failed.Error.Context);
        Assert.Equal(0, failed.Error.FileIndex);
        Assert.Equal(1, failed.ErrorCount);

        fixture.Origin.AddFile(name, [1, 2, 3]);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task Cancel_DuringTransfer_DeletesTempFile()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 64L * 1024 * 1024, seed: 7);
        file.ThrottleBytesPerSecond = 4 * 1024 * 1024;
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, i => i.Progress.BytesTransferred > 0, "some bytes");

        var cancelled = await job.CancelAsync();
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!));
    }

    [Fact]
    public async Task SuspendMidTransfer_ThenResume_ContinuesToIdenticalFile()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 16L * 1024 * 1024, seed: 11);
        file.ThrottleBytesPerSecond = 8 * 1024 * 1024;
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, i => i.Files[0].BytesTransferred > 1024 * 1024, "a checkpoint");

        var suspended = await job.SuspendAsync();
        Assert.Equal(JobState.Suspended, suspended.State);
        file.ThrottleBytesPerSecond = 0;
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        Assert.Equal(file.ComputeSha256(), Sha256(destination));
        Assert.True(file.BodyBytesSent < file.Length * 2, $"resume re-fetched too much: {file.BodyBytesSent} bytes sent for {file.Length}");
    }

    [Fact]
    public async Task Complete_BeforeAllFilesArrive_KeepsOnlyFinishedFiles()
    {
        var done = AddOriginFile(1000, out var doneSha);
        var slowName = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(slowName, 64L * 1024 * 1024, seed: 3).ThrottleBytesPerSecond = 1024 * 1024;
        var first = fixture.NewDestination("first.bin");
        var second = fixture.NewDestination("second.bin");
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(done, first), new FileSpec(fixture.Origin.UrlFor(slowName).ToString(), second)]);
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, i => i.Files[0].Completed && i.Files[1].BytesTransferred > 0, "first file done");

        await job.CompleteAsync();
        Assert.Equal(doneSha, Sha256(first));
        Assert.False(File.Exists(second));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(second)!));
    }

    [Fact]
    public async Task AddFiles_AfterTransferred_ResumeRequeues()
    {
        var job = await fixture.NewJobAsync();
        await job.AddFilesAsync([new FileSpec(AddOriginFile(10, out _), fixture.NewDestination())]);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);

        await job.AddFilesAsync([new FileSpec(AddOriginFile(20, out _), fixture.NewDestination())]);
        Assert.Equal(JobState.Transferred, (await job.GetInfoAsync()).State);
        Assert.True((await job.ResumeAsync()).State.IsActive());
        var info = await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred && i.Progress.FilesTransferred == 2, "both files");
        Assert.Equal(30, info.Progress.BytesTransferred);
    }

    [Fact]
    public async Task AddFiles_PastTheFileLimit_IsRefused()
    {
        var job = await fixture.NewJobAsync();
        var files = Enumerable.Range(0, 10_001).Select(i => new FileSpec("http://127.0.0.1/x", $"/tmp/{i}")).ToList();
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.AddFilesAsync(files));
        Assert.Equal(TransferErrorCode.TooManyFiles, error.Code);
        Assert.Empty((await job.GetInfoAsync()).Files);
    }

    [Fact]
    public async Task SetProperties_MaxDownloadTime_IsValidatedAndShown()
    {
        var job = await fixture.NewJobAsync();
        Assert.Equal(TimeSpan.FromDays(90), (await job.GetInfoAsync()).MaxDownloadTime);
        Assert.Equal(TimeSpan.FromHours(2), (await job.SetPropertiesAsync(new JobPropertiesUpdate(MaxDownloadTime: TimeSpan.FromHours(2)))).MaxDownloadTime);
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.SetPropertiesAsync(new JobPropertiesUpdate(MaxDownloadTime: TimeSpan.Zero)));
        Assert.Equal("maxDownloadTime", error.Field);
    }
}
