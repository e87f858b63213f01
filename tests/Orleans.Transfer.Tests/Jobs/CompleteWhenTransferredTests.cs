using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// CompleteWhenTransferred (issue 16; ours, not BITS'): the service completes a transferred job itself, with Complete's
/// rules, in two state writes for a one-file job on a silo that runs alone (create, then Transferred with Acknowledged
/// after the moves: no other activation to fence off; a cluster writes Transferred first, ClusterCompletionCrashTests);
/// a failed move leaves it Transferred with the error; an activation that finds it Transferred completes it without
/// downloading again. A fake clock, so no progress write can fall due however slow the machine is.
/// </summary>
public sealed class CompleteWhenTransferredTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    [Fact]
    public async Task OneFileJob_IsAcknowledgedByTheService_InTwoStateWrites_AndTheSettleWaitAnswersAcknowledged()
    {
        var (job, url, destination) = NewJob(seed: 161);
        var services = fixture.Cluster.Silos[0].ServiceProvider;

        var created = await job.CreateAsync(Request(url, destination, resume: true));
        var settled = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(created.CompleteWhenTransferred);
        Assert.Equal(JobState.Acknowledged, settled.State);
        Assert.Equal("2", await StoredVersionAsync(job.GetGrainId()));
        var row = await services.GetRequiredService<IJobCatalog>().FindAsync(job.GetPrimaryKey());
        Assert.Equal((JobState.Acknowledged, 1), (row!.State, row.FilesTransferred));
        Assert.Equal(fixture.Origin[Path.GetFileName(new Uri(url).LocalPath)].ComputeSha256(), Sha256(destination));
        var info = await job.GetInfoAsync();
        Assert.Equal((JobState.Acknowledged, true, true), (info.State, info.Files[0].Completed, info.CompleteWhenTransferred));
        Assert.NotNull(info.Times.TransferCompleted);

        // Complete of a job the service completed answers it as it is.
        Assert.Equal(JobState.Acknowledged, (await job.CompleteAsync()).State);
    }

    [Fact]
    public async Task Property_IsFalseByDefault_SetAndClearedBySetProperties_AndRefusedOnAFinalJob()
    {
        var (job, url, destination) = NewJob(seed: 162);

        var created = await job.CreateAsync(Request(url, destination, resume: false) with { CompleteWhenTransferred = false });
        var set = await job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: true));
        var untouched = await job.SetPropertiesAsync(new JobPropertiesUpdate(DisplayName: "renamed"));
        var cleared = await job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: false));

        Assert.False(created.CompleteWhenTransferred);
        Assert.True(set.CompleteWhenTransferred);
        Assert.True(untouched.CompleteWhenTransferred);
        Assert.False(cleared.CompleteWhenTransferred);
        Assert.Equal(JobState.Suspended, cleared.State);

        await job.CancelAsync();
        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: true)));
        Assert.Equal(TransferErrorCode.InvalidState, refused.Code);
    }

    [Fact]
    public async Task WithoutTheProperty_TheJobWaitsInTransferred_AndSettingItThenCompletesItAtOnce()
    {
        var (job, url, destination) = NewJob(seed: 163);

        await job.CreateAsync(Request(url, destination, resume: true) with { CompleteWhenTransferred = false });
        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.False(File.Exists(destination));

        var info = await job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: true));

        Assert.False(transferred.CompleteWhenTransferred);
        Assert.Equal(JobState.Acknowledged, info.State);
        Assert.True(File.Exists(destination));
    }

    [Fact]
    public async Task FailedMove_LeavesTheJobTransferredWithTheError_AndCompleteAfterwardsWorks()
    {
        var (job, url, destination) = NewJob(seed: 164);
        await job.CreateAsync(Request(url, destination, resume: false));

        // A directory where the file is to go: the move into place fails (B30).
        Directory.CreateDirectory(destination);
        await job.ResumeAsync();
        var settled = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));
        var info = await job.GetInfoAsync();

        Assert.Equal(JobState.Transferred, settled.State);
        Assert.Equal(JobState.Transferred, info.State);
        Assert.True(info.Files[0].Completed);
        Assert.NotNull(info.Error);
        Assert.Equal((ErrorContext.LocalFile, 0), (info.Error!.Context, info.Error.FileIndex));

        Assert.Equal((true, info.Error.Code), (settled.Settled, settled.ErrorCode));

        Directory.Delete(destination);
        var completed = await job.CompleteAsync();

        // BITS keeps no error of an acknowledged job; ours drops the failed completion's (its history keeps it).
        Assert.Equal((JobState.Acknowledged, (JobError?)null), (completed.State, completed.Error));
        Assert.Equal(fixture.Origin[Path.GetFileName(new Uri(url).LocalPath)].ComputeSha256(), Sha256(destination));
    }

    [Fact]
    public async Task FailedCompletion_IsNotTriedAgainAtTheNextActivation_AndSettingThePropertyAgainTriesItAtOnce()
    {
        var (job, url, destination) = NewJob(seed: 168);
        await job.CreateAsync(Request(url, destination, resume: false));
        Directory.CreateDirectory(destination);
        await job.ResumeAsync();
        await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));

        // A new activation finds the job marked: no completion on activation, settled at once, the error kept.
        Assert.Equal(0, await ActivationCollection.UntilGoneAsync(fixture.Cluster.Client.GetGrain<IManagementGrain>(0), job));
        await UntilStoredAsync(job.GetGrainId(), s => s.CompletionFailed);
        var reactivated = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal((JobState.Transferred, true), (reactivated.State, reactivated.Settled));

        // The owner asks again with the cause still there: tried at once, failed again, marked again.
        var again = await job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: true));
        Assert.Equal((JobState.Transferred, ErrorContext.LocalFile), (again.State, again.Error!.Context));
        await UntilStoredAsync(job.GetGrainId(), s => s.CompletionFailed);

        Directory.Delete(destination);
        var completed = await job.SetPropertiesAsync(new JobPropertiesUpdate(CompleteWhenTransferred: true));

        Assert.Equal((JobState.Acknowledged, (JobError?)null), (completed.State, completed.Error));
        Assert.Equal(fixture.Origin[Path.GetFileName(new Uri(url).LocalPath)].ComputeSha256(), Sha256(destination));
        var history = await FailedSelfCompletion.HistoryUntilAsync(fixture.Grains, job.GetPrimaryKey(), p => p.Events.Any(e => e.State == JobState.Acknowledged));
        Assert.Equal(2, history.Events.Count(e => e.Kind == JobHistoryKind.Error));
    }

    [Fact]
    public async Task TransferredWithThePropertyOnActivation_IsCompleted_WithoutDownloadingAgain()
    {
        var (job, url, destination) = NewJob(seed: 165);
        var file = fixture.Origin[Path.GetFileName(new Uri(url).LocalPath)];
        await job.CreateAsync(Request(url, destination, resume: true) with { CompleteWhenTransferred = false });
        await JobWaits.StateAsync(job, JobState.Transferred);
        var requests = file.Requests;

        // The activation goes away, as with the silo, and its Transferred write lands (the job reports Transferred
        // before that write returns), so rewriting the row cannot race it. Then the state a crash between the
        // Transferred write and the Acknowledged one leaves: Transferred, the property set, the file not in place.
        Assert.Equal(0, await ActivationCollection.UntilGoneAsync(fixture.Cluster.Client.GetGrain<IManagementGrain>(0), job));
        await UntilStoredAsync(job.GetGrainId(), s => s.State == JobState.Transferred);
        await WriteStoredAsync(job.GetGrainId(), s => s.CompleteWhenTransferred = true);

        await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(2));
        var info = await job.GetInfoAsync();

        Assert.Equal(JobState.Acknowledged, info.State);
        Assert.Equal(requests, file.Requests);
        Assert.Equal(file.ComputeSha256(), Sha256(destination));
    }

    private (ITransferJobGrain Job, string Url, string Destination) NewJob(int seed)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed);
        return (fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()), fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination());
    }

    internal static CreateJobRequest Request(string url, string destination, bool resume) =>
        new("auto", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(url, destination)], Resume: resume, CompleteWhenTransferred: true);

    internal static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer);

    private async Task<string?> StoredVersionAsync(GrainId grainId)
    {
        var stored = new GrainState<TransferJobState>();
        await Storage.ReadStateAsync(StorageNames.JobState, grainId, stored);
        return stored.ETag;
    }

    private Task UntilStoredAsync(GrainId grainId, Func<TransferJobState, bool> condition) => StoredJobs.UntilAsync(Storage, grainId, condition);

    private Task WriteStoredAsync(GrainId grainId, Action<TransferJobState> change) => StoredJobs.WriteAsync(Storage, grainId, change);
}
