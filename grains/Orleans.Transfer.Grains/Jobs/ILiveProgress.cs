using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>What a running transfer is doing beyond its last checkpoint: bytes written, and how it yields.</summary>
internal interface ILiveProgress
{
    /// <summary>The live byte count of file <paramref name="fileIndex"/>, never below <paramref name="checkpointed"/>.</summary>
    long LiveBytes(int fileIndex, long checkpointed);

    /// <summary>
    /// How the job's running files yield to foreground traffic now (<see cref="JobYield.Combine"/>), or null when none
    /// reads from a yield-controlled connection or nothing runs.
    /// </summary>
    JobYieldInfo? LiveYield();
}
