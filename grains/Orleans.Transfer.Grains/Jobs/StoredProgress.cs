using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>A job's progress as stored, for a job no activation runs (one just written by a batch create).</summary>
internal sealed class StoredProgress : ILiveProgress
{
    public static StoredProgress Instance { get; } = new();

    public long LiveBytes(int fileIndex, long checkpointed) => checkpointed;

    public JobYieldInfo? LiveYield() => null;
}
