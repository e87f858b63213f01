using System.Security.Cryptography;
using System.Text.Json;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Tests;

/// <summary>
/// Idle jobs leave memory (Orleans grain collection, <see cref="TransferJobOptions.IdleDeactivationAge"/>) and come back
/// from storage unchanged; a running transfer is never collected. Collection is forced through the management grain
/// (age zero: every activation Orleans counts as idle), so nothing waits for the real two minutes. Its own silo, so
/// forcing collection touches no other test's jobs.
/// </summary>
public sealed class IdleCollectionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IManagementGrain Management => fixture.Grains.GetGrain<IManagementGrain>(0);

    [Fact]
    public async Task JobGrain_CollectionAge_IsTheConfiguredIdleDeactivationAge()
    {
        var job = await fixture.NewJobAsync();
        var type = ((GrainReference)job).GrainId.Type;

        var shared = fixture.GetSiloService<GrainTypeSharedContextResolver>().GetComponents(type);

        Assert.Equal(new TransferJobOptions().IdleDeactivationAge, shared.CollectionAgeLimit);
    }

    [Fact]
    public async Task IdleJobs_AreCollected_AndAnswerUnchangedFromStorage()
    {
        var jobs = new List<ITransferJobGrain>();
        for (var i = 0; i < 5; i++)
        {
            var job = await fixture.NewJobAsync($"idle {i}");
            await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(AddFile(1000 + i)).ToString(), fixture.NewDestination())]);
            await job.SetPropertiesAsync(new JobPropertiesUpdate(Priority: JobPriority.Low, MinimumRetryDelay: TimeSpan.FromMinutes(3)));
            jobs.Add(job);
        }

        var before = await Task.WhenAll(jobs.Select(async j => Json(await j.GetInfoAsync())));
        Assert.All(await ActivationsAsync(jobs), count => Assert.Equal(1, count));

        await Management.ForceActivationCollection(TimeSpan.Zero);

        Assert.All(await ActivationsAsync(jobs), count => Assert.Equal(0, count));
        var after = await Task.WhenAll(jobs.Select(async j => Json(await j.GetInfoAsync())));
        Assert.Equal(before, after);

        // Back in memory, the job works as before.
        await jobs[0].ResumeAsync();
        await JobWaits.StateAsync(jobs[0], JobState.Transferred);
        await jobs[0].CompleteAsync();
    }

    [Fact]
    public async Task TransferringJob_IsNotCollected_AndFinishesIdentical_ThenIdleIsCollected()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 8L * 1024 * 1024, seed: 21);
        file.ThrottleBytesPerSecond = 1024 * 1024;
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync("transferring");
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, i => i.State == JobState.Transferring && i.Progress.BytesTransferred > 0, "bytes moving");
        var requests = file.Requests;

        await Management.ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(1, await ActivationAsync(job));
        file.ThrottleBytesPerSecond = 0;
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(destination))));

        // The run was never stopped and restarted: one response carried the whole file.
        Assert.Equal(requests, file.Requests);

        // With its run over, the job is idle like any other.
        Assert.Equal(0, await ActivationCollection.UntilGoneAsync(Management, job));
        Assert.Equal(JobState.Acknowledged, (await job.GetInfoAsync()).State);
    }

    [Fact]
    public async Task JobWaitingToRetry_IsCollected_AndComesBackWithItsRetryTimeAndReminder()
    {
        var name = AddFile(5000);
        fixture.Origin[name].RespondWithStatus(503, times: 1);
        var job = await fixture.NewJobAsync("waiting to retry");
        await job.SetPropertiesAsync(new JobPropertiesUpdate(MinimumRetryDelay: TimeSpan.FromHours(1)));
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination())]);
        await job.ResumeAsync();
        var failed = await JobWaits.StateAsync(job, JobState.TransientError);
        var grainId = ((GrainReference)job).GrainId;
        var reminders = fixture.GetSiloService<IReminderTable>();

        Assert.Equal(0, await ActivationCollection.UntilGoneAsync(Management, job));
        Assert.Single((await reminders.ReadRows(grainId)).Reminders);
        var back = await job.GetInfoAsync();
        Assert.Equal(Json(failed), Json(back));
        Assert.Single((await reminders.ReadRows(grainId)).Reminders);

        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        await job.CompleteAsync();
        Assert.Empty((await reminders.ReadRows(grainId)).Reminders);
    }

    private static string Json(JobInfo info) => JsonSerializer.Serialize(info, TransferJson.Options);

    private Task<int> ActivationAsync(ITransferJobGrain job) => Management.GetGrainActivationCount((GrainReference)job);

    private Task<int[]> ActivationsAsync(IEnumerable<ITransferJobGrain> jobs) => Task.WhenAll(jobs.Select(ActivationAsync));

    private string AddFile(int length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, length, seed: length);
        return name;
    }
}
