using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// Live progress for tests: file <see cref="FileIndex"/> has <see cref="Bytes"/> written, the others their checkpoint;
/// the job yields as <see cref="Yield"/> says.
/// </summary>
internal sealed class FixedLiveProgress : ILiveProgress
{
    public int FileIndex { get; set; } = -1;

    public long Bytes { get; set; }

    public JobYieldInfo? Yield { get; set; }

    public long LiveBytes(int fileIndex, long checkpointed) => fileIndex == FileIndex ? Math.Max(checkpointed, Bytes) : checkpointed;

    public JobYieldInfo? LiveYield() => Yield;
}
