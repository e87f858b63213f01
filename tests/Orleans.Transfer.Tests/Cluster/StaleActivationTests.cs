using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>
/// docs/cluster.md, "Fencing", played in one silo: while a job's worker writes, "a survivor" writes the job's state
/// (the version moves on) and takes its temporary file over (a copy under the name). The running activation is now the
/// stale one: its next checkpoint is rejected, its worker stops and its activation ends, and nothing it writes reaches
/// the survivor's file.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StaleActivationTests(ClusterFixture fixture)
{
    private const string SurvivorMark = "written by the survivor";

    [Fact]
    public async Task AStaleActivationsCheckpoint_IsRejected_ItsWorkerStops_AndTheSurvivorsFileGetsNoByte()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var origin = fixture.Origin.AddGenerated(name, 16L * 1024 * 1024, seed: 30);
        origin.ThrottleBytesPerSecond = 2 * 1024 * 1024;
        var destination = fixture.NewDestination();
        var job = await fixture.NewJobAsync("stale activation");
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, i => i.Files[0].BytesTransferred > 512 * 1024, "a checkpoint");

        // The survivor's write: suspended, so that the activation that reads it does not run the job again.
        var survivorWrote = await WriteAsSurvivorAsync(job.GetGrainId());

        // The survivor's takeover, as the worker makes it: a copy of the file under a private name, renamed over it.
        var temp = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!));
        var copy = temp + ".survivor";
        File.Copy(temp, copy);
        File.Move(copy, temp, overwrite: true);
        var survivorsBytes = await File.ReadAllBytesAsync(temp);

        // The stale activation goes on until its next state write fails; then a new activation reads the survivor's state.
        var info = await JobWaits.UntilAsync(job, i => i.DisplayName == SurvivorMark, "the stale activation ended");
        Assert.Equal(JobState.Suspended, info.State);
        Assert.Equal(survivorWrote, info.Files[0].BytesTransferred);
        Assert.Equal(SHA256.HashData(survivorsBytes), SHA256.HashData(await File.ReadAllBytesAsync(temp)));
        Assert.Equal([temp], Directory.GetFiles(Path.GetDirectoryName(destination)!));

        origin.ThrottleBytesPerSecond = 0;
        await job.CancelAsync();
    }

    /// <summary>Read, change, write the job's stored state as another activation would; again if a checkpoint came between.</summary>
    private async Task<long> WriteAsSurvivorAsync(GrainId grainId)
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Transfer);
        while (true)
        {
            var stored = new GrainState<TransferJobState>();
            await storage.ReadStateAsync(StorageNames.JobState, grainId, stored);
            var state = stored.State ?? throw new InvalidOperationException("the job has no stored state");
            state.DisplayName = SurvivorMark;
            state.State = JobState.Suspended;
            state.WorkerSilo = "survivor";
            try
            {
                await storage.WriteStateAsync(StorageNames.JobState, grainId, stored);
                return state.Files[0].BytesTransferred;
            }
            catch (InconsistentStateException)
            {
            }
        }
    }
}
