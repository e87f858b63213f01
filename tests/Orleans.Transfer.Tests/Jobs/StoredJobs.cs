using Orleans.Storage;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>Reads and rewrites a job's stored state behind its grain: how a test leaves what a crash would.</summary>
internal static class StoredJobs
{
    /// <summary>Waits until the stored job meets <paramref name="condition"/>; the deadline only stops a broken test.</summary>
    public static async Task UntilAsync(IGrainStorage storage, GrainId grainId, Func<TransferJobState, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        var stored = new GrainState<TransferJobState>();
        await storage.ReadStateAsync(StorageNames.JobState, grainId, stored);
        while (stored.State is null || !condition(stored.State))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the stored job never reached the expected state");
            await Task.Yield();
            await storage.ReadStateAsync(StorageNames.JobState, grainId, stored);
        }
    }

    public static async Task WriteAsync(IGrainStorage storage, GrainId grainId, Action<TransferJobState> change)
    {
        var stored = new GrainState<TransferJobState>();
        await storage.ReadStateAsync(StorageNames.JobState, grainId, stored);
        change(stored.State ?? throw new InvalidOperationException("the job has no stored state"));
        await storage.WriteStateAsync(StorageNames.JobState, grainId, stored);
    }
}
