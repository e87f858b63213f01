using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.Creates;

/// <summary>
/// A create under an id its caller has just minted (<see cref="NewJobs"/>, issue 16): the new grain is not read from
/// storage, the job is as durable as any, and a false claim (an id whose row exists) is refused by the insert-only
/// write, leaving the stored job as it was and answered for by a fresh activation that reads it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NewJobHintTests(ClusterFixture fixture)
{
    [Fact]
    public async Task HintedCreate_IsDurable_AndAFalseClaimIsRefused_TheStoredJobStaysAsItWas()
    {
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        var created = await NewJobs.CreateAsync(job, new CreateJobRequest("hinted", null, JobType.Download, JobPriority.Normal, "tester"));
        Assert.Equal(("hinted", JobState.Suspended), (created.DisplayName, created.State));
        Assert.Equal("1", await StoredVersionAsync(job.GetGrainId()));

        // Active: the grain knows the job, so a second create is the ordinary AlreadyExists.
        var again = await Assert.ThrowsAsync<TransferJobException>(
            () => NewJobs.CreateAsync(job, new CreateJobRequest("again", null, JobType.Download, JobPriority.Normal, "tester")));
        Assert.Equal(TransferErrorCode.AlreadyExists, again.Code);

        // Not active: the hint skips the read, and the stored row refuses the insert.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => NewJobs.CreateAsync(job, new CreateJobRequest("impostor", null, JobType.Download, JobPriority.Normal, "intruder")));

        Assert.Equal("1", await StoredVersionAsync(job.GetGrainId()));
        var info = await job.GetInfoAsync();
        Assert.Equal(("hinted", "tester", JobState.Suspended), (info.DisplayName, info.Owner, info.State));
    }

    [Fact]
    public void HintKey_KeepsItsName() => Assert.Equal("xfer.new-job", NewJobs.RequestContextKey);

    [Fact]
    public async Task Hint_SkipsOnlyTheReadOfThatJobsState()
    {
        var id = Guid.NewGuid();
        var inner = new CountingStorage();
        var storage = new Storage.StoredState.ProfileGrainStorage(inner, null!, null!, fixture.GetSiloService<Orleans.Serialization.Serializers.IActivatorProvider>());
        var grain = GrainId.Create("job", id.ToString("N"));
        var jobGrain = fixture.Grains.GetGrain<ITransferJobGrain>(id).GetGrainId();

        await storage.ReadStateAsync(StorageNames.JobState, jobGrain, new GrainState<TransferJobState>());
        Assert.Equal(1, inner.Reads);

        RequestContext.Set(NewJobs.RequestContextKey, id);
        try
        {
            var fresh = new GrainState<TransferJobState> { ETag = "7", RecordExists = true };
            await storage.ReadStateAsync(StorageNames.JobState, jobGrain, fresh);
            Assert.Equal((1, (string?)null, false, (bool?)false), (inner.Reads, fresh.ETag, fresh.RecordExists, fresh.State?.Exists));

            await storage.ReadStateAsync(StorageNames.UploadSession, jobGrain, new GrainState<TransferJobState>());
            await storage.ReadStateAsync(StorageNames.JobState, fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()).GetGrainId(), new GrainState<TransferJobState>());
            await storage.ReadStateAsync(StorageNames.JobState, grain, new GrainState<TransferJobState>());
            Assert.Equal(3, inner.Reads);
        }
        finally
        {
            RequestContext.Remove(NewJobs.RequestContextKey);
        }
    }

    private Task<string?> StoredVersionAsync(GrainId grainId) => StoredVersionAsync(fixture.Cluster.Silos[0].ServiceProvider, grainId);

    private static async Task<string?> StoredVersionAsync(IServiceProvider services, GrainId grainId)
    {
        var stored = new GrainState<TransferJobState>();
        await services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer).ReadStateAsync(StorageNames.JobState, grainId, stored);
        return stored.ETag;
    }

    private sealed class CountingStorage : IGrainStorage
    {
        public int Reads { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();
    }
}
